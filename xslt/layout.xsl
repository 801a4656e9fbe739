<?xml version="1.0" encoding="UTF-8"?>
<!-- layout.xsl: the frame of every page. A page stylesheet includes this file and gives
     two templates: match="page" mode="title" (the <title> and <h1>) and mode="main".
     The model: <page name mode=test|drift root cgi year> with <user>, <csrf>, <message>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/page">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="nb">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:apply-templates select="." mode="title"/> – Brukerplan</title>
        <link rel="stylesheet" href="{@root}/css/bp.css"/>
        <link rel="icon" type="image/svg+xml" href="{@root}/favicon.svg"/>
      </head>
      <body>
        <a class="skip" href="#innhold">Hopp til innholdet</a>
        <xsl:if test="@mode = 'test'">
          <p class="test-banner">Dette er test-versjonen av Brukerplan. Det skal ikke lagres reelle opplysninger her.</p>
        </xsl:if>
        <header class="top">
          <a class="logo" href="{@cgi}/menu" title="Tilbake til hovedmenyen">BRUKERPLAN</a>
          <xsl:if test="user">
            <div class="who">
              <span>Logget inn som: <strong><xsl:value-of select="user/@name"/></strong></span>
              <form method="post" action="{@cgi}/logout" class="logout">
                <input type="hidden" name="csrf" value="{csrf}"/>
                <button type="submit" class="link">Logg ut</button>
              </form>
            </div>
          </xsl:if>
        </header>
        <main id="innhold">
          <h1><xsl:apply-templates select="." mode="title"/></h1>
          <xsl:call-template name="messages"/>
          <xsl:apply-templates select="." mode="main"/>
        </main>
        <footer class="bottom">
          <p>Brukerplan – kartlegging av tjenestemottakere med rusmiddelproblemer og/eller psykiske helseproblemer. KORFOR, Helse Stavanger.</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Errors first, as a summary announced to screen readers, each linking to its field;
       then notices. -->
  <xsl:template name="messages">
    <xsl:if test="message[@kind = 'error']">
      <div class="error-summary" role="alert" tabindex="-1" id="feil">
        <h2>Noe må rettes</h2>
        <ul>
          <xsl:for-each select="message[@kind = 'error']">
            <li>
              <xsl:choose>
                <xsl:when test="@field"><a href="#f-{@field}"><xsl:value-of select="."/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:for-each select="message[@kind = 'notice']">
      <p class="notice" role="status"><xsl:value-of select="."/></p>
    </xsl:for-each>
  </xsl:template>

  <!-- One labelled input. The error of the field (a <message field="name">) is tied to it
       with aria-describedby and aria-invalid. -->
  <xsl:template name="field">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="autocomplete" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="inputmode" select="''"/>
    <xsl:param name="maxlength" select="''"/>
    <xsl:variable name="err" select="/page/message[@kind = 'error' and @field = $name]"/>
    <div class="field">
      <label for="f-{$name}"><xsl:value-of select="$label"/></label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="f-{$name}-hint"><xsl:value-of select="$hint"/></p>
      </xsl:if>
      <xsl:if test="$err">
        <p class="field-error" id="f-{$name}-err"><xsl:value-of select="$err[1]"/></p>
      </xsl:if>
      <input id="f-{$name}" name="{$name}" type="{$type}" required="required">
        <xsl:if test="$type != 'password'"><xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute></xsl:if>
        <xsl:if test="$autocomplete != ''"><xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute></xsl:if>
        <xsl:if test="$inputmode != ''"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
        <xsl:if test="$maxlength != ''"><xsl:attribute name="maxlength"><xsl:value-of select="$maxlength"/></xsl:attribute></xsl:if>
        <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:if test="$hint != '' or $err">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''">f-<xsl:value-of select="$name"/>-hint</xsl:if>
            <xsl:if test="$hint != '' and $err"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$err">f-<xsl:value-of select="$name"/>-err</xsl:if>
          </xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
  </xsl:template>
</xsl:stylesheet>
