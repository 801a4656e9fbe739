<?xml version="1.0" encoding="UTF-8"?>
<!-- skjema.xsl: the survey form, one tab per page, around the tab's questions.
     Model: <survey id versjon aar fnr kjonn kjonn-id fodselsar alder fane visited errors
     wrong unanswered obs locked retting> (errors = wrong + unanswered: what holds the survey
     back), <tabs><tab id state=grey|green|red errors>title</tab></tabs>,
     <findings><finding kind=missing|invalid|error|obs field tab tab-title label
     where>text</finding>,
     for a form tab <body> (the tab's questions as HTML: rendered from the year's definition
     at build time by tools/gen/formtabs.xsl, filled with the survey by cgi-bin/lib/formtab.c, every
     value escaped there) and <context> (the record, for the script). The views Obs, Feil
     and Logg are in skjema-vis.xsl: each request parses its stylesheet, and the form is
     the page most often shown. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:variable name="s" select="/page/survey"/>
  <xsl:variable name="cgi" select="/page/@cgi"/>
  <xsl:variable name="visited" select="$s/@visited = '1'"/>
  <!-- from sluttdato a tab is read, not edited, until the kartlegger chooses "Rett etter krav
       fra bruker" (issue 17 §1): then it is a form again, and a save is a logged retting -->
  <xsl:variable name="readonly" select="$s/@locked = '1' and $s/@retting != '1'"/>

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
        <!-- Feil says what is left to answer apart from what is wrong (issue 17 §11): a new
             survey's unanswered questions are work to do, not red faults. "Feil (N)",
             "Feil (M ubesvart)" or "Feil (N + M ubesvart)", red only with N: written as
             expressions, not branches, because every request parses this stylesheet -->
        <xsl:if test="$s/@errors &gt; 0 or $s/@fane = 'feil'">
          <xsl:call-template name="tab">
            <xsl:with-param name="id">feil</xsl:with-param>
            <xsl:with-param name="title" select="concat('Feil (', substring(concat($s/@wrong, substring(' + ', 1, 3 * ($s/@unanswered &gt; 0))), 1, 99 * ($s/@wrong &gt; 0 or $s/@unanswered = 0)), substring(concat($s/@unanswered, ' ubesvart'), 1, 99 * ($s/@unanswered &gt; 0)), ')')"/>
            <xsl:with-param name="class" select="concat('tab-', substring('feil', 1, 4 * ($s/@wrong &gt; 0)), substring('ubesvart', 1, 8 * ($s/@wrong = 0)))"/>
            <xsl:with-param name="state" select="concat($s/@wrong, ' feil, ', $s/@unanswered, ' obligatoriske spørsmål uten svar')"/>
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
    <xsl:param name="first" select="false()"/>
    <xsl:if test="$first and $s/@locked = '1'">
      <!-- from sluttdato: read access, and corrections the person asks for (2026 manual) -->
      <xsl:variable name="err" select="/page/message[@kind = 'error' and @field = 'retting']"/>
      <div class="notice locked">
        <xsl:choose>
          <xsl:when test="$readonly">
            <p><strong>Kartleggingen er låst fra sluttdato.</strong> Du kan lese den, men ikke endre den. Krever brukeren retting av opplysninger, velg «Rett etter krav fra bruker».</p>
            <xsl:if test="$err"><p class="field-error" id="f-retting-err"><xsl:value-of select="$err"/></p></xsl:if>
            <p><a class="button secondary" href="{$cgi}/skjema?id={$s/@id}&amp;fane={$s/@fane}&amp;retting=1">Rett etter krav fra bruker</a></p>
          </xsl:when>
          <xsl:otherwise>
            <p><strong>Du retter kartleggingen etter krav fra brukeren.</strong> Endringene lagres og logges som retting. <a href="{$cgi}/skjema?id={$s/@id}&amp;fane={$s/@fane}">Avbryt rettingen</a></p>
            <input type="hidden" name="retting" value="ja"/>
          </xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:if>
    <div class="toolbar">
      <xsl:if test="not($readonly)">
        <button type="submit" name="handling" value="lagre">Lagre</button>
        <xsl:text> </xsl:text>
        <button type="submit" name="handling" value="lukk" class="secondary">Lagre og lukk</button>
      </xsl:if>
      <xsl:if test="not($first)">
        <!-- sletting (also after sluttdato, until the transfer): the list's confirmation
             page asks before anything is deleted -->
        <xsl:text> </xsl:text>
        <button type="submit" formaction="{$cgi}/kartlegging" formnovalidate="formnovalidate" name="handling" value="slett" class="danger">Slett kartleggingen</button>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- A form tab. -->
  <xsl:template match="page[body]" mode="main">
    <form method="post" action="{$cgi}/skjema" id="skjema" class="survey" novalidate="novalidate"
          data-context="{context}" data-tab="{$s/@fane}">
      <input type="hidden" name="csrf" value="{/page/csrf}"/>
      <input type="hidden" name="id" value="{$s/@id}"/>
      <input type="hidden" name="versjon" value="{$s/@versjon}"/>
      <input type="hidden" name="fane" value="{$s/@fane}"/>
      <xsl:call-template name="save-buttons"><xsl:with-param name="first" select="true()"/></xsl:call-template>
      <!-- a read-only tab has nothing to save: its tabs are links -->
      <xsl:call-template name="tabs"><xsl:with-param name="buttons" select="not($readonly)"/></xsl:call-template>
      <noscript><p class="hint">Tilleggsspørsmål som avhenger av svarene i denne fanen, vises når du lagrer eller bytter fane.</p></noscript>
      <xsl:if test="$s/@fane = 'bruker'">
        <dl class="facts person">
          <dt>Fødselsnummer</dt><dd><xsl:value-of select="$s/@fnr"/></dd>
          <dt>Kjønn</dt><dd><xsl:value-of select="$s/@kjonn"/></dd>
          <dt>Fødselsår</dt><dd><xsl:value-of select="$s/@fodselsar"/></dd>
        </dl>
      </xsl:if>
      <xsl:call-template name="tab-summary"/>
      <xsl:choose>
        <xsl:when test="$readonly">
          <fieldset disabled="disabled" class="readonly">
            <legend class="visually-hidden">Låst fra sluttdato: bare for lesing</legend>
            <xsl:value-of select="body" disable-output-escaping="yes"/>
          </fieldset>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="body" disable-output-escaping="yes"/></xsl:otherwise>
      </xsl:choose>
      <p class="visually-hidden" id="bp-live" aria-live="polite"></p>
      <xsl:call-template name="save-buttons"/>
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
              <xsl:if test="@where != ''"><xsl:value-of select="@where"/>: </xsl:if>
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

</xsl:stylesheet>
