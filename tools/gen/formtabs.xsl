<?xml version="1.0" encoding="UTF-8"?>
<!-- form.xsl: the year's questionnaire (data/kartlegging/YEAR.xml) rendered once, when its
     version is made (`bpadm definition build` in the build, `bpadm definition publish` on a
     site: cgi-bin/lib/definition_files.c), into the HTML of each tab of the survey form,
     with markers where one survey's answers go. cgi-bin/lib/formtab.c fills the markers
     per request: the form is the largest page there is, and rendering it per request cost
     six times a whole small page.

     Output: an HTML comment "bp-form STAMP", then per tab a comment "bp-tab ID TITLE" and
     the tab's HTML.
     Markers, with ids of items and options (letters, digits, "_") as arguments:
       in a start tag, an attribute bp="OP ARGS[;OP ARGS]", replaced by the attributes the
       operations stand for:
         hidden ID...          hidden="hidden" when every ID is hidden for the survey
         checked ID VALUE      checked when an answer to ID is VALUE
         service ID Q DEF V    checked when the service's answer Q (else DEF) is V
         selected ID N DEF     selected when the answer (else DEF) is N
         value ID DEF          value="…": what was typed, else the answer, else DEF
         describedby ID H I    aria-describedby: h-ID (H=1), e-ID, o-ID, l-ID; and
                               aria-invalid="true" when I=1 and ID has an error shown
         index                 class="index-GROUP" of the levekårsindeks
       in text, {{OP ARGS}}:
         messages ID           the item's error and obs paragraphs
         index-text TEXT…      the levekårsindeks group's name, else TEXT
     definition_make (and `bpadm definition check`, with the line) refuses a definition whose
     texts hold "{{" or "bp=", so that no text can pass for a marker. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>
  <xsl:param name="stamp"/>

  <xsl:variable name="def" select="/definition"/>

  <xsl:template match="/">
    <xsl:comment>bp-form <xsl:value-of select="$stamp"/></xsl:comment>
    <xsl:for-each select="definition/tab">
      <xsl:comment>bp-tab <xsl:value-of select="@id"/><xsl:text> </xsl:text><xsl:value-of select="@title"/></xsl:comment>
      <xsl:apply-templates select="."/>
      <xsl:variable name="tab" select="."/>
      <template id="bp-rules">
        <xsl:for-each select="$def/rules/*[@field = $tab//item/@id]">
          <li data-field="{@field}" data-kind="{local-name()}" data-when="{@when}"><xsl:value-of select="."/></li>
        </xsl:for-each>
      </template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tab">
    <h2><xsl:value-of select="@title"/></h2>
    <xsl:apply-templates select="$def/guidance"/>
    <xsl:if test="section and section != @title"><h3><xsl:value-of select="section"/></h3></xsl:if>
    <xsl:if test="intro"><p><xsl:value-of select="intro"/></p></xsl:if>
    <xsl:if test=".//item[@type = 'service']"><xsl:apply-templates select="$def/service-combinations"/></xsl:if>
    <xsl:if test="scale"><p><xsl:value-of select="scale"/></p></xsl:if>
    <xsl:if test="note"><p class="note"><xsl:value-of select="note"/></p></xsl:if>
    <xsl:if test="item[@type = 'level']"><xsl:call-template name="index"/></xsl:if>
    <xsl:apply-templates select="item | group"/>
  </xsl:template>

  <!-- The definition's guidance on filling in the form, on every tab, closed: a disclosure
       that opens without script. -->
  <xsl:template match="guidance">
    <details class="guidance">
      <summary><xsl:value-of select="@title"/></summary>
      <xsl:for-each select="p"><p><xsl:value-of select="."/></p></xsl:for-each>
    </details>
  </xsl:template>

  <!-- The four answers of a service and what each means, where services are asked. -->
  <xsl:template match="service-combinations">
    <details class="guidance">
      <summary>Slik svarer du for hver tjeneste</summary>
      <table class="data combinations">
        <caption>Fire mulige svarkombinasjoner for hver tjeneste</caption>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="$def/service-questions/question[@id = 'hatt']"/></th>
            <th scope="col"><xsl:value-of select="$def/service-questions/question[@id = 'videre']"/></th>
            <th scope="col">Betyr</th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="combination">
            <tr>
              <td><xsl:call-template name="ja-nei"><xsl:with-param name="v" select="@hatt"/></xsl:call-template></td>
              <td><xsl:call-template name="ja-nei"><xsl:with-param name="v" select="@videre"/></xsl:call-template></td>
              <td><xsl:value-of select="."/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </details>
  </xsl:template>

  <xsl:template name="ja-nei">
    <xsl:param name="v"/>
    <xsl:choose><xsl:when test="$v = 'ja'">Ja</xsl:when><xsl:otherwise>Nei</xsl:otherwise></xsl:choose>
  </xsl:template>

  <!-- The levekårsindeks (provisional cut-offs: data/kartlegging/README.md "The questionnaire definition"): the
       server's value; the script recomputes it. -->
  <xsl:template name="index">
    <xsl:variable name="ix" select="$def/index"/>
    <div class="index" id="bp-index" data-areas="{$ix/@areas}">
      <p>
        <strong>Levekårsindeks: </strong>
        <output id="bp-index-value" bp="index" aria-live="polite">{{index-text vises når alle de åtte levekårsområdene er besvart}}</output>
      </p>
      <p class="hint">Grensene for indeksen er foreløpige.</p>
      <template id="bp-index-groups">
        <xsl:for-each select="$ix/group"><span data-group="{@id}" data-when="{@when}"><xsl:value-of select="."/></span></xsl:for-each>
      </template>
    </div>
  </xsl:template>

  <!-- Services come in groups: a heading, a header row, a row per service. -->
  <xsl:template match="group">
    <section class="group" aria-labelledby="g-{@id}">
      <xsl:attribute name="bp">hidden<xsl:for-each select="item"><xsl:text> </xsl:text><xsl:value-of select="@id"/></xsl:for-each></xsl:attribute>
      <xsl:if test="@show"><xsl:attribute name="data-show"><xsl:value-of select="@show"/></xsl:attribute></xsl:if>
      <h3 id="g-{@id}"><xsl:value-of select="heading"/></h3>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="heading"/></xsl:apply-templates>
      <xsl:if test="item[@type = 'service']">
        <div class="service-head" aria-hidden="true">
          <span>Tjeneste</span>
          <span><xsl:value-of select="$def/service-questions/question[1]"/></span>
          <span><xsl:value-of select="$def/service-questions/question[2]"/></span>
        </div>
      </xsl:if>
      <xsl:apply-templates select="item"/>
    </section>
  </xsl:template>

  <!-- Every item: a wrapper that the script shows and hides, the section heading where a
       section starts. -->
  <xsl:template match="item">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="prev" select="preceding-sibling::item[1]"/>
    <div class="item item-{@type}" id="i-{$id}" data-item="{$id}" data-type="{@type}">
      <xsl:if test="@mandatory"><xsl:attribute name="data-mandatory">1</xsl:attribute></xsl:if>
      <xsl:if test="@show"><xsl:attribute name="data-show"><xsl:value-of select="@show"/></xsl:attribute></xsl:if>
      <xsl:attribute name="bp">hidden <xsl:value-of select="$id"/></xsl:attribute>
      <xsl:if test="section and not(section = ../section) and not($prev/section = section)">
        <h3><xsl:value-of select="section"/></h3>
      </xsl:if>
      <xsl:apply-templates select="." mode="input"/>
    </div>
  </xsl:template>

  <!-- The messages of an item (what was typed that did not fit, its findings once the tab
       has been saved), and the paragraph the script writes into. -->
  <xsl:template name="item-messages">
    <xsl:text>{{messages </xsl:text><xsl:value-of select="@id"/><xsl:text>}}</xsl:text>
    <p class="field-error live" id="l-{@id}" hidden="hidden"></p>
  </xsl:template>

  <!-- An input's markers: ops before aria-describedby (value, checked), then it. -->
  <xsl:template name="described-by">
    <xsl:param name="before" select="''"/>
    <xsl:param name="invalid" select="1"/>
    <xsl:attribute name="bp"><xsl:value-of select="$before"/>describedby <xsl:value-of select="@id"/><xsl:text> </xsl:text><xsl:value-of select="count(help[1])"/><xsl:text> </xsl:text><xsl:value-of select="$invalid"/></xsl:attribute>
  </xsl:template>

  <!-- What marks a mandatory question (2025 and 2026 manuals: the tab is red while one is
       unanswered), in its label, so that it is read with it. -->
  <xsl:template name="mandatory">
    <xsl:if test="@mandatory"><span class="required"> (obligatorisk)</span></xsl:if>
  </xsl:template>

  <!-- A help text behind ⓘ: a disclosure that works without script and with a screen reader. -->
  <xsl:template match="help">
    <xsl:param name="for"/>
    <xsl:param name="id"/>
    <details class="help">
      <summary><span class="info" aria-hidden="true">i</span><span class="visually-hidden">Hjelp til «<xsl:value-of select="$for"/>»</span></summary>
      <div class="help-text pre">
        <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
        <xsl:value-of select="."/>
      </div>
    </details>
  </xsl:template>

  <!-- Choices: one (radio) or several (checkbox) of the options. -->
  <xsl:template match="item[@type = 'single' or @type = 'yesno' or @type = 'yesno_unknown' or @type = 'level' or @type = 'multi']" mode="input">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="kind">
      <xsl:choose><xsl:when test="@type = 'multi'">checkbox</xsl:when><xsl:otherwise>radio</xsl:otherwise></xsl:choose>
    </xsl:variable>
    <fieldset id="f-{$id}" tabindex="-1">
      <xsl:attribute name="class">choices<xsl:if test="@type = 'yesno' or @type = 'yesno_unknown' or @type = 'level'"> inline</xsl:if><xsl:if test="@type = 'level'"> levels</xsl:if></xsl:attribute>
      <xsl:call-template name="described-by"><xsl:with-param name="invalid" select="0"/></xsl:call-template>
      <legend id="lg-{$id}"><xsl:value-of select="label"/><xsl:call-template name="mandatory"/></legend>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      <xsl:call-template name="item-messages"/>
      <xsl:if test="@type = 'multi' and option[@exclusive]"><p class="hint">Kryss av for alt som passer.</p></xsl:if>
      <div class="options">
        <!-- a mandatory choice of one: its options are a required radiogroup (aria-required
             is allowed neither on a fieldset's group nor on a group of boxes: a mandatory
             multi says it in its legend) -->
        <xsl:if test="@mandatory and @type != 'multi'">
          <xsl:attribute name="role">radiogroup</xsl:attribute>
          <xsl:attribute name="aria-required">true</xsl:attribute>
          <xsl:attribute name="aria-labelledby">lg-<xsl:value-of select="$id"/></xsl:attribute>
        </xsl:if>
        <xsl:for-each select="option">
          <span class="option">
            <input type="{$kind}" name="{$id}" value="{@id}" id="f-{$id}-{@id}" bp="checked {$id} {@id}">
              <xsl:if test="../@type = 'level'"><xsl:attribute name="class">level-<xsl:value-of select="@id"/></xsl:attribute></xsl:if>
            </input>
            <label for="f-{$id}-{@id}">
              <xsl:if test="../@type = 'level'"><xsl:attribute name="class">level level-<xsl:value-of select="@id"/></xsl:attribute></xsl:if>
              <xsl:value-of select="text()"/>
            </label>
            <xsl:if test="help and ../@type != 'level'">
              <xsl:apply-templates select="help"><xsl:with-param name="for" select="normalize-space(text())"/></xsl:apply-templates>
            </xsl:if>
          </span>
        </xsl:for-each>
      </div>
      <xsl:if test="@type = 'level'">
        <details class="help levels-help">
          <summary><span class="info" aria-hidden="true">i</span> Hva betyr fargene for «<xsl:value-of select="label"/>»?</summary>
          <dl class="level-defs">
            <xsl:for-each select="option">
              <dt class="level-{@id}"><xsl:value-of select="text()"/></dt>
              <dd><xsl:value-of select="help"/></dd>
            </xsl:for-each>
          </dl>
        </details>
      </xsl:if>
    </fieldset>
  </xsl:template>

  <!-- A single box. Boxes that belong to a row of counts are drawn with their row. -->
  <xsl:template match="item[@type = 'checkbox' and @row-of]" priority="2"/>
  <xsl:template match="item[@type = 'checkbox']" mode="input">
    <xsl:variable name="id" select="@id"/>
    <div class="field checkbox-item" id="f-{$id}" tabindex="-1">
      <xsl:call-template name="item-messages"/>
      <div class="checkbox">
        <input type="checkbox" id="f-{$id}-ja" name="{$id}" value="ja">
          <xsl:call-template name="described-by"><xsl:with-param name="before">checked <xsl:value-of select="$id"/> ja;</xsl:with-param></xsl:call-template>
        </input>
        <label for="f-{$id}-ja"><xsl:value-of select="label"/></label>
        <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      </div>
    </div>
  </xsl:template>

  <!-- Counts with an Obs box each (children under 18): one table for the rows. -->
  <xsl:template match="item[@type = 'integer'][../item/@row-of = @id]" priority="2">
    <xsl:if test="not(preceding-sibling::item[@type = 'integer'][../item/@row-of = @id])">
      <xsl:variable name="rows" select="../item[@type = 'integer'][../item/@row-of = @id]"/>
      <xsl:variable name="box" select="../item[@row-of = current()/@id]"/>
      <h3 id="t-{@id}"><xsl:value-of select="section"/></h3>
      <table class="data counts" aria-labelledby="t-{@id}">
        <thead>
          <tr>
            <td></td>
            <th scope="col"><xsl:value-of select="input-label"/></th>
            <th scope="col">Obs <xsl:apply-templates select="$box/help"><xsl:with-param name="for">Obs</xsl:with-param></xsl:apply-templates></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <xsl:variable name="id" select="@id"/>
            <xsl:variable name="obs" select="../item[@row-of = $id]"/>
            <tr id="i-{$id}" data-item="{$id}" data-type="integer">
              <th scope="row" id="r-{$id}"><xsl:value-of select="label"/></th>
              <td>
                <xsl:call-template name="item-messages"/>
                <input type="text" inputmode="numeric" class="count" name="{$id}" id="f-{$id}" aria-labelledby="r-{$id} c-{$id}" maxlength="3">
                  <xsl:call-template name="described-by"><xsl:with-param name="before">value <xsl:value-of select="$id"/><xsl:text> </xsl:text><xsl:value-of select="@default"/>;</xsl:with-param></xsl:call-template>
                </input>
                <span class="visually-hidden" id="c-{$id}"><xsl:value-of select="input-label"/></span>
              </td>
              <td data-item="{$obs/@id}" data-type="checkbox">
                <input type="checkbox" name="{$obs/@id}" value="ja" id="f-{$obs/@id}" aria-labelledby="r-{$id} o-{$obs/@id}-l" bp="checked {$obs/@id} ja"/>
                <span class="visually-hidden" id="o-{$obs/@id}-l">Obs</span>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- A number: months as a list to choose from, counts as a small text field. -->
  <xsl:template match="item[@type = 'integer']" mode="input">
    <xsl:variable name="id" select="@id"/>
    <div class="field">
      <label for="f-{$id}"><xsl:value-of select="label"/><xsl:if test="input-label and input-label != label"> (<xsl:value-of select="input-label"/>)</xsl:if><xsl:call-template name="mandatory"/></label>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      <xsl:call-template name="item-messages"/>
      <xsl:choose>
        <xsl:when test="@min &gt;= 1 and @max &lt;= 24">
          <select id="f-{$id}" name="{$id}" class="short">
            <xsl:if test="@mandatory"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
            <xsl:call-template name="described-by"/>
            <option value="">Vennligst velg …</option>
            <xsl:call-template name="months">
              <xsl:with-param name="id" select="$id"/>
              <xsl:with-param name="n" select="@min"/>
              <xsl:with-param name="max" select="@max"/>
              <xsl:with-param name="default" select="@default"/>
            </xsl:call-template>
          </select>
        </xsl:when>
        <xsl:otherwise>
          <input type="text" inputmode="numeric" class="count" id="f-{$id}" name="{$id}" maxlength="6">
            <xsl:if test="@mandatory"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
            <xsl:call-template name="described-by"><xsl:with-param name="before">value <xsl:value-of select="$id"/><xsl:text> </xsl:text><xsl:value-of select="@default"/>;</xsl:with-param></xsl:call-template>
          </input>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="months">
    <xsl:param name="id"/>
    <xsl:param name="n"/>
    <xsl:param name="max"/>
    <xsl:param name="default"/>
    <xsl:if test="$n &lt;= $max">
      <option value="{$n}" bp="selected {$id} {$n} {$default}">
        <xsl:choose>
          <xsl:when test="$n = 1">1 måned eller mindre</xsl:when>
          <xsl:otherwise><xsl:value-of select="$n"/> måneder</xsl:otherwise>
        </xsl:choose>
      </option>
      <xsl:call-template name="months">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="n" select="$n + 1"/>
        <xsl:with-param name="max" select="$max"/>
        <xsl:with-param name="default" select="$default"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A service: two Ja/Nei questions; Nei/Nei until answered (the manual's default). -->
  <xsl:template match="item[@type = 'service']" mode="input">
    <xsl:variable name="id" select="@id"/>
    <fieldset class="service" id="f-{$id}" tabindex="-1">
      <legend><xsl:value-of select="label"/></legend>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      <xsl:for-each select="$def/service-questions/question">
        <xsl:variable name="q" select="@id"/>
        <div class="yesno" role="radiogroup" aria-label="{.}">
          <span class="option">
            <input type="radio" name="{$id}.{$q}" value="ja" id="f-{$id}-{$q}-ja" bp="service {$id} {$q} {@default} ja"/>
            <label for="f-{$id}-{$q}-ja">Ja</label>
          </span>
          <span class="option">
            <input type="radio" name="{$id}.{$q}" value="nei" id="f-{$id}-{$q}-nei" bp="service {$id} {$q} {@default} nei"/>
            <label for="f-{$id}-{$q}-nei">Nei</label>
          </span>
        </div>
      </xsl:for-each>
    </fieldset>
  </xsl:template>
</xsl:stylesheet>
