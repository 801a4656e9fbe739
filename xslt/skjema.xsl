<?xml version="1.0" encoding="UTF-8"?>
<!-- skjema.xsl: the survey form, one tab per page, driven by the year's definition.
     Model: <survey id versjon aar fnr kjonn kjonn-id fodselsar alder fane visited errors obs
     index>, <tabs><tab id state=grey|green|red errors>title</tab></tabs>,
     <findings><finding kind=missing|invalid|error|obs field tab tab-title label>text</finding>,
     for a form tab <definition> (service-questions, the tab with items marked shown="0|1",
     rules, index), <answers> (the record's answer elements), <context> (the other tabs'
     answers, for the script), <raw field> (a number that did not fit); for Logg
     <log><entry time who action changed/></log>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:key name="answer" match="answers/*" use="local-name()"/>
  <xsl:key name="finding" match="findings/finding" use="@field"/>

  <xsl:variable name="s" select="/page/survey"/>
  <xsl:variable name="cgi" select="/page/@cgi"/>
  <xsl:variable name="tab" select="/page/definition/tab"/>
  <xsl:variable name="visited" select="$s/@visited = '1'"/>

  <xsl:template match="page" mode="title">Kartlegging <xsl:value-of select="$s/@aar"/>: <xsl:value-of select="$s/@kjonn"/>, <xsl:value-of select="$s/@fodselsar"/></xsl:template>

  <!-- The tab bar. In a form every tab is a button that saves the tab being left. -->
  <xsl:template name="tabs">
    <xsl:param name="buttons"/>
    <nav class="tabs" aria-label="Faner i kartleggingen">
      <ul>
        <xsl:for-each select="/page/tabs/tab">
          <xsl:call-template name="tab">
            <xsl:with-param name="id" select="@id"/>
            <xsl:with-param name="title" select="."/>
            <xsl:with-param name="class">tab-<xsl:value-of select="@state"/></xsl:with-param>
            <xsl:with-param name="state">
              <xsl:choose>
                <xsl:when test="@state = 'grey'">ikke besøkt</xsl:when>
                <xsl:when test="@state = 'red'">mangler svar eller har feil</xsl:when>
                <xsl:otherwise>ferdig</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="buttons" select="$buttons"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:if test="$s/@obs &gt; 0 or $s/@fane = 'obs'">
          <xsl:call-template name="tab">
            <xsl:with-param name="id">obs</xsl:with-param>
            <xsl:with-param name="title">Obs (<xsl:value-of select="$s/@obs"/>)</xsl:with-param>
            <xsl:with-param name="class">tab-obs</xsl:with-param>
            <xsl:with-param name="buttons" select="$buttons"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$s/@errors &gt; 0 or $s/@fane = 'feil'">
          <xsl:call-template name="tab">
            <xsl:with-param name="id">feil</xsl:with-param>
            <xsl:with-param name="title">Feil (<xsl:value-of select="$s/@errors"/>)</xsl:with-param>
            <xsl:with-param name="class">tab-feil</xsl:with-param>
            <xsl:with-param name="buttons" select="$buttons"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="tab">
          <xsl:with-param name="id">logg</xsl:with-param>
          <xsl:with-param name="title">Logg</xsl:with-param>
          <xsl:with-param name="class">tab-logg</xsl:with-param>
          <xsl:with-param name="buttons" select="$buttons"/>
        </xsl:call-template>
      </ul>
    </nav>
  </xsl:template>

  <xsl:template name="tab">
    <xsl:param name="id"/>
    <xsl:param name="title"/>
    <xsl:param name="class"/>
    <xsl:param name="state" select="''"/>
    <xsl:param name="buttons"/>
    <li>
      <xsl:choose>
        <xsl:when test="$id = $s/@fane">
          <span class="tab {$class}" aria-current="page" data-tab="{$id}"><xsl:value-of select="$title"/><xsl:if test="$state != ''"><span class="visually-hidden tab-state">, <xsl:value-of select="$state"/></span></xsl:if></span>
        </xsl:when>
        <xsl:when test="$buttons">
          <button type="submit" name="gaa" value="{$id}" class="tab {$class}" data-tab="{$id}"><xsl:value-of select="$title"/><xsl:if test="$state != ''"><span class="visually-hidden tab-state">, <xsl:value-of select="$state"/></span></xsl:if></button>
        </xsl:when>
        <xsl:otherwise>
          <a href="{$cgi}/skjema?id={$s/@id}&amp;fane={$id}" class="tab {$class}" data-tab="{$id}"><xsl:value-of select="$title"/><xsl:if test="$state != ''"><span class="visually-hidden tab-state">, <xsl:value-of select="$state"/></span></xsl:if></a>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <xsl:template name="save-buttons">
    <div class="toolbar">
      <button type="submit" name="handling" value="lagre">Lagre</button>
      <xsl:text> </xsl:text>
      <button type="submit" name="handling" value="lukk" class="secondary">Lagre og lukk</button>
    </div>
  </xsl:template>

  <!-- A form tab. -->
  <xsl:template match="page[definition]" mode="main">
    <form method="post" action="{$cgi}/skjema" id="skjema" class="survey" novalidate="novalidate"
          data-context="{context}" data-tab="{$s/@fane}">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{$s/@id}"/>
      <input type="hidden" name="versjon" value="{$s/@versjon}"/>
      <input type="hidden" name="fane" value="{$s/@fane}"/>
      <xsl:call-template name="save-buttons"/>
      <xsl:call-template name="tabs"><xsl:with-param name="buttons" select="true()"/></xsl:call-template>
      <noscript><p class="hint">Tilleggsspørsmål som avhenger av svarene i denne fanen, vises når du lagrer eller bytter fane.</p></noscript>
      <xsl:if test="$s/@fane = 'bruker'">
        <dl class="facts person">
          <dt>Fødselsnummer</dt><dd><xsl:value-of select="$s/@fnr"/></dd>
          <dt>Kjønn</dt><dd><xsl:value-of select="$s/@kjonn"/></dd>
          <dt>Fødselsår</dt><dd><xsl:value-of select="$s/@fodselsar"/></dd>
        </dl>
      </xsl:if>
      <xsl:call-template name="tab-summary"/>
      <xsl:apply-templates select="$tab"/>
      <p class="visually-hidden" id="bp-live" aria-live="polite"></p>
      <xsl:call-template name="save-buttons"/>
      <template id="bp-rules">
        <xsl:for-each select="definition/rules/*[@field = $tab//item/@id]">
          <li data-field="{@field}" data-kind="{local-name()}" data-when="{@when}"><xsl:value-of select="."/></li>
        </xsl:for-each>
      </template>
    </form>
  </xsl:template>

  <!-- What is wrong in this tab, once it has been saved: announced after a save. -->
  <xsl:template name="tab-summary">
    <xsl:variable name="here" select="/page/findings/finding[@tab = $s/@fane and @kind != 'obs']"/>
    <xsl:if test="$visited and $here and not(/page/message[@kind = 'error'])">
      <div class="error-summary" tabindex="-1" id="fanefeil">
        <xsl:if test="/page/message[@kind = 'notice']"><xsl:attribute name="role">alert</xsl:attribute></xsl:if>
        <h2>Denne fanen mangler svar eller har feil</h2>
        <ul>
          <xsl:for-each select="$here">
            <li><a href="#f-{@field}">
              <xsl:choose>
                <xsl:when test="@kind = 'missing'">«<xsl:value-of select="@label"/>» mangler svar.</xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tab">
    <h2><xsl:value-of select="@title"/></h2>
    <xsl:if test="section and section != @title"><h3><xsl:value-of select="section"/></h3></xsl:if>
    <xsl:if test="intro"><p><xsl:value-of select="intro"/></p></xsl:if>
    <xsl:if test="scale"><p><xsl:value-of select="scale"/></p></xsl:if>
    <xsl:if test="note"><p class="note"><xsl:value-of select="note"/></p></xsl:if>
    <xsl:if test="item[@type = 'level']"><xsl:call-template name="index"/></xsl:if>
    <xsl:apply-templates select="item | group"/>
  </xsl:template>

  <!-- The levekårsindeks (design.md §4): the server's value; the script recomputes it. -->
  <xsl:template name="index">
    <xsl:variable name="ix" select="/page/definition/index"/>
    <div class="index" id="bp-index" data-areas="{$ix/@areas}">
      <p>
        <strong>Levekårsindeks: </strong>
        <output id="bp-index-value" class="index-{$s/@index}" aria-live="polite">
          <xsl:choose>
            <xsl:when test="$s/@index != ''"><xsl:value-of select="$ix/group[@id = $s/@index]"/></xsl:when>
            <xsl:otherwise>vises når alle de åtte levekårsområdene er besvart</xsl:otherwise>
          </xsl:choose>
        </output>
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
      <xsl:if test="not(item[@shown = '1'])"><xsl:attribute name="hidden">hidden</xsl:attribute></xsl:if>
      <xsl:if test="@show"><xsl:attribute name="data-show"><xsl:value-of select="@show"/></xsl:attribute></xsl:if>
      <h3 id="g-{@id}"><xsl:value-of select="heading"/></h3>
      <xsl:if test="item[@type = 'service']">
        <div class="service-head" aria-hidden="true">
          <span>Tjeneste</span>
          <span><xsl:value-of select="/page/definition/service-questions/question[1]"/></span>
          <span><xsl:value-of select="/page/definition/service-questions/question[2]"/></span>
        </div>
      </xsl:if>
      <xsl:apply-templates select="item"/>
    </section>
  </xsl:template>

  <!-- Every item: a wrapper that the script shows and hides, the section heading where a
       section starts, and the item's findings once the tab has been saved. -->
  <xsl:template match="item">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="prev" select="preceding-sibling::item[1]"/>
    <div class="item item-{@type}" id="i-{$id}" data-item="{$id}" data-type="{@type}">
      <xsl:if test="@mandatory"><xsl:attribute name="data-mandatory">1</xsl:attribute></xsl:if>
      <xsl:if test="@show"><xsl:attribute name="data-show"><xsl:value-of select="@show"/></xsl:attribute></xsl:if>
      <xsl:if test="@shown = '0'"><xsl:attribute name="hidden">hidden</xsl:attribute></xsl:if>
      <xsl:if test="section and not(section = ../section) and not($prev/section = section)">
        <h3><xsl:value-of select="section"/></h3>
      </xsl:if>
      <xsl:apply-templates select="." mode="input"/>
    </div>
  </xsl:template>

  <!-- The messages of an item: what the kartlegger typed that did not fit, and its
       findings (missing, invalid, contradiction, obs) once the tab has been saved. -->
  <xsl:template name="item-messages">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="typed" select="/page/message[@kind = 'error' and @field = $id]"/>
    <xsl:variable name="found" select="key('finding', $id)[@kind != 'obs']"/>
    <xsl:if test="$typed or ($visited and $found)">
      <p class="field-error" id="e-{$id}">
        <xsl:choose>
          <xsl:when test="$typed"><xsl:value-of select="$typed[1]"/></xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="$found">
              <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:choose>
                <xsl:when test="@kind = 'missing'">Mangler svar.</xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>
    <xsl:if test="key('finding', $id)[@kind = 'obs']">
      <p class="obs-note" id="o-{$id}">
        <xsl:for-each select="key('finding', $id)[@kind = 'obs']">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>Obs: <xsl:value-of select="."/>
        </xsl:for-each>
      </p>
    </xsl:if>
    <p class="field-error live" id="l-{$id}" hidden="hidden"></p>
  </xsl:template>

  <xsl:template name="described-by">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="ids">
      <xsl:if test="help">h-<xsl:value-of select="$id"/><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="/page/message[@kind = 'error' and @field = $id] or ($visited and key('finding', $id)[@kind != 'obs'])">e-<xsl:value-of select="$id"/><xsl:text> </xsl:text></xsl:if>
      <xsl:if test="key('finding', $id)[@kind = 'obs']">o-<xsl:value-of select="$id"/><xsl:text> </xsl:text></xsl:if>
      <xsl:text>l-</xsl:text><xsl:value-of select="$id"/>
    </xsl:variable>
    <xsl:attribute name="aria-describedby"><xsl:value-of select="normalize-space($ids)"/></xsl:attribute>
  </xsl:template>

  <xsl:template name="invalid">
    <xsl:variable name="id" select="@id"/>
    <xsl:if test="/page/message[@kind = 'error' and @field = $id] or ($visited and key('finding', $id)[@kind != 'obs'])">
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
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
      <xsl:call-template name="described-by"/>
      <legend><xsl:value-of select="label"/></legend>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      <xsl:call-template name="item-messages"/>
      <xsl:if test="@type = 'multi' and option[@exclusive]"><p class="hint">Kryss av for alt som passer.</p></xsl:if>
      <div class="options">
        <xsl:for-each select="option">
          <span class="option">
            <input type="{$kind}" name="{$id}" value="{@id}" id="f-{$id}-{@id}">
              <xsl:if test="key('answer', $id)[. = current()/@id]"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
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
          <xsl:if test="key('answer', $id) = 'ja'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          <xsl:call-template name="described-by"/>
          <xsl:call-template name="invalid"/>
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
            <xsl:variable name="raw" select="/page/raw[@field = $id]"/>
            <tr id="i-{$id}" data-item="{$id}" data-type="integer">
              <th scope="row" id="r-{$id}"><xsl:value-of select="label"/></th>
              <td>
                <xsl:call-template name="item-messages"/>
                <input type="text" inputmode="numeric" class="count" name="{$id}" id="f-{$id}" aria-labelledby="r-{$id} c-{$id}" maxlength="3">
                  <xsl:attribute name="value">
                    <xsl:choose>
                      <xsl:when test="$raw"><xsl:value-of select="$raw"/></xsl:when>
                      <xsl:when test="key('answer', $id)"><xsl:value-of select="key('answer', $id)"/></xsl:when>
                      <xsl:otherwise><xsl:value-of select="@default"/></xsl:otherwise>
                    </xsl:choose>
                  </xsl:attribute>
                  <xsl:call-template name="described-by"/>
                  <xsl:call-template name="invalid"/>
                </input>
                <span class="visually-hidden" id="c-{$id}"><xsl:value-of select="input-label"/></span>
              </td>
              <td data-item="{$obs/@id}" data-type="checkbox">
                <input type="checkbox" name="{$obs/@id}" value="ja" id="f-{$obs/@id}" aria-labelledby="r-{$id} o-{$obs/@id}-l">
                  <xsl:if test="key('answer', $obs/@id) = 'ja'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
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
    <xsl:variable name="raw" select="/page/raw[@field = $id]"/>
    <xsl:variable name="value">
      <xsl:choose>
        <xsl:when test="$raw"><xsl:value-of select="$raw"/></xsl:when>
        <xsl:when test="key('answer', $id)"><xsl:value-of select="key('answer', $id)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@default"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="field">
      <label for="f-{$id}"><xsl:value-of select="label"/><xsl:if test="input-label and input-label != label"> (<xsl:value-of select="input-label"/>)</xsl:if></label>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      <xsl:call-template name="item-messages"/>
      <xsl:choose>
        <xsl:when test="@min &gt;= 1 and @max &lt;= 24">
          <select id="f-{$id}" name="{$id}" class="short">
            <xsl:call-template name="described-by"/>
            <xsl:call-template name="invalid"/>
            <option value="">Vennligst velg …</option>
            <xsl:call-template name="months">
              <xsl:with-param name="n" select="@min"/>
              <xsl:with-param name="max" select="@max"/>
              <xsl:with-param name="value" select="$value"/>
            </xsl:call-template>
          </select>
        </xsl:when>
        <xsl:otherwise>
          <input type="text" inputmode="numeric" class="count" id="f-{$id}" name="{$id}" value="{$value}" maxlength="6">
            <xsl:call-template name="described-by"/>
            <xsl:call-template name="invalid"/>
          </input>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <xsl:template name="months">
    <xsl:param name="n"/>
    <xsl:param name="max"/>
    <xsl:param name="value"/>
    <xsl:if test="$n &lt;= $max">
      <option value="{$n}">
        <xsl:if test="string($n) = string($value)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$n = 1">1 måned eller mindre</xsl:when>
          <xsl:otherwise><xsl:value-of select="$n"/> måneder</xsl:otherwise>
        </xsl:choose>
      </option>
      <xsl:call-template name="months">
        <xsl:with-param name="n" select="$n + 1"/>
        <xsl:with-param name="max" select="$max"/>
        <xsl:with-param name="value" select="$value"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A service: two Ja/Nei questions; Nei/Nei until answered (the manual's default). -->
  <xsl:template match="item[@type = 'service']" mode="input">
    <xsl:variable name="id" select="@id"/>
    <xsl:variable name="a" select="key('answer', $id)"/>
    <fieldset class="service" id="f-{$id}" tabindex="-1">
      <legend><xsl:value-of select="label"/></legend>
      <xsl:apply-templates select="help"><xsl:with-param name="for" select="label"/><xsl:with-param name="id">h-<xsl:value-of select="$id"/></xsl:with-param></xsl:apply-templates>
      <xsl:for-each select="/page/definition/service-questions/question">
        <xsl:variable name="q" select="@id"/>
        <xsl:variable name="v">
          <xsl:choose>
            <xsl:when test="$a/@*[local-name() = $q]"><xsl:value-of select="$a/@*[local-name() = $q]"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="@default"/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <div class="yesno" role="radiogroup" aria-label="{.}">
          <span class="option">
            <input type="radio" name="{$id}.{$q}" value="ja" id="f-{$id}-{$q}-ja">
              <xsl:if test="$v = 'ja'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="f-{$id}-{$q}-ja">Ja</label>
          </span>
          <span class="option">
            <input type="radio" name="{$id}.{$q}" value="nei" id="f-{$id}-{$q}-nei">
              <xsl:if test="$v = 'nei'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="f-{$id}-{$q}-nei">Nei</label>
          </span>
        </div>
      </xsl:for-each>
    </fieldset>
  </xsl:template>

  <!-- Views: Obs, Feil, Logg. -->
  <xsl:template match="page" mode="main">
    <xsl:call-template name="tabs"><xsl:with-param name="buttons" select="false()"/></xsl:call-template>
    <xsl:apply-templates select="$s" mode="view"/>
    <p><a href="{$cgi}/kartlegging">Lukk kartleggingen</a></p>
  </xsl:template>

  <xsl:template match="survey[@fane = 'feil']" mode="view">
    <h2>Feil</h2>
    <xsl:choose>
      <xsl:when test="@errors = 0"><p>Ingen feil: alle obligatoriske spørsmål er besvart, og ingen svar motsier hverandre.</p></xsl:when>
      <xsl:otherwise>
        <p>Kartlegginger med feil overføres ikke. Disse må rettes:</p>
        <xsl:call-template name="finding-list"><xsl:with-param name="list" select="/page/findings/finding[@kind != 'obs']"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="survey[@fane = 'obs']" mode="view">
    <h2>Obs</h2>
    <xsl:choose>
      <xsl:when test="@obs = 0"><p>Ingen obs-meldinger.</p></xsl:when>
      <xsl:otherwise>
        <p>Obs-meldinger er varsler, ikke feil. Vurder om noe må følges opp:</p>
        <xsl:call-template name="finding-list"><xsl:with-param name="list" select="/page/findings/finding[@kind = 'obs']"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="finding-list">
    <xsl:param name="list"/>
    <ul class="findings">
      <xsl:for-each select="$list">
        <li>
          <a href="{$cgi}/skjema?id={$s/@id}&amp;fane={@tab}#f-{@field}">
            <xsl:value-of select="@tab-title"/>: <xsl:choose>
              <xsl:when test="@kind = 'missing'">«<xsl:value-of select="@label"/>» mangler svar.</xsl:when>
              <xsl:when test="@kind = 'invalid'">«<xsl:value-of select="@label"/>»: <xsl:value-of select="."/></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </a>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="survey[@fane = 'logg']" mode="view">
    <h2>Endringslogg</h2>
    <table class="data">
      <caption class="visually-hidden">Endringslogg for kartleggingen</caption>
      <thead><tr><th scope="col">Tid</th><th scope="col">Hvem</th><th scope="col">Hva</th></tr></thead>
      <tbody>
        <xsl:for-each select="/page/log/entry">
          <tr>
            <td><xsl:value-of select="@time"/></td>
            <td><xsl:value-of select="@who"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@action = 'opprettet'">Opprettet</xsl:when>
                <xsl:when test="@action = 'åpnet'">Åpnet</xsl:when>
                <xsl:when test="@action = 'slettet'">Slettet</xsl:when>
                <xsl:when test="@action = 'lagret' and @changed != ''">Lagret. Endret: <xsl:value-of select="@changed"/></xsl:when>
                <xsl:when test="@action = 'lagret'">Lagret</xsl:when>
                <xsl:otherwise><xsl:value-of select="translate(substring(@action, 1, 1), 'aåo', 'AÅO')"/><xsl:value-of select="substring(@action, 2)"/></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
