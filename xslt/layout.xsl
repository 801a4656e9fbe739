<?xml version="1.0" encoding="UTF-8"?>
<!-- layout.xsl: the frame of every page. A page stylesheet includes this file (and
     form.xsl when it has a form) and gives two templates: match="page" mode="title" (the
     <title> and <h1>) and mode="main".
     The model: <page name mode=test|drift root cgi year> with <user>, <csrf>, <message>,
     and <script>file.js</script> for a page that loads htdocs/js/file.js. -->
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
        <xsl:if test="refresh"><meta http-equiv="refresh" content="0; url={refresh}"/></xsl:if>
        <xsl:for-each select="script"><script src="{/page/@root}/js/{.}" defer="defer"></script></xsl:for-each>
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
          <p><a href="{@cgi}/erklaering/tilgjengelighet">Tilgjengelighetserklæring</a> · <a href="{@cgi}/erklaering/personvern">Personvernerklæring</a></p>
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
    <!-- a refusal is not the user's to correct (the person has reserved, the year is
         closed): its own heading, so "Noe må rettes" never sends anyone looking for a fix -->
    <xsl:if test="message[@kind = 'refusal']">
      <div class="error-summary refusal" role="alert">
        <h2>Kan ikke gjøres</h2>
        <ul>
          <xsl:for-each select="message[@kind = 'refusal']"><li><xsl:value-of select="."/></li></xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:for-each select="message[@kind = 'notice']">
      <p class="notice" role="status"><xsl:value-of select="."/></p>
    </xsl:for-each>
  </xsl:template>

  <!-- A date as Norwegians write it (dd.mm.åååå), wherever one is shown: the model keeps
       YYYY-MM-DD or "YYYY-MM-DD HH:MM", which sort and compare; a time is shown as
       "kl. HH:MM". Anything else (a word such as "Ikke satt") is shown as it is. -->
  <xsl:template name="dato">
    <xsl:param name="d" select="."/>
    <xsl:choose>
      <xsl:when test="string-length($d) &gt;= 10 and substring($d, 5, 1) = '-' and substring($d, 8, 1) = '-'">
        <xsl:value-of select="concat(substring($d, 9, 2), '.', substring($d, 6, 2), '.', substring($d, 1, 4))"/>
        <xsl:if test="string-length($d) &gt;= 16"><xsl:text> kl. </xsl:text><xsl:value-of select="substring($d, 12, 5)"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A count with its noun in the right number: "1 kartlagt bruker", "2 kartlagte brukere" -->
  <xsl:template name="antall">
    <xsl:param name="n"/>
    <xsl:param name="en"/>
    <xsl:param name="flere"/>
    <xsl:value-of select="$n"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="$en"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$flere"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
