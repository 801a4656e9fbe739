<?xml version="1.0" encoding="UTF-8"?>
<!-- endringslogger.xsl: the endringslogger of the kommune's surveys this year, for the
     kommunekontakt. Model: <filter kartlegger fra til><account id name instans/></filter>,
     <lines count shown><line time ref who instans action changed/></lines> (absent when
     a filter was refused). No fødselsnummer is in the model. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>
  <xsl:include href="select.xsl"/>

  <xsl:template match="page" mode="title">Endringslogger <xsl:value-of select="@year"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p>Endringsloggene til alle kartlegginger i kommunen i <xsl:value-of select="@year"/>, også slettede. En kartlegging vises med en kort referanse, aldri med fødselsnummer.</p>
    <!-- a GET form: the filters hold no personal data, and the result can be bookmarked -->
    <form method="get" action="{@cgi}/endringslogger" class="narrow" novalidate="novalidate" aria-label="Filtrer endringsloggene">
      <xsl:variable name="chosen" select="filter/@kartlegger"/>
      <xsl:call-template name="select">
        <xsl:with-param name="name">kartlegger</xsl:with-param>
        <xsl:with-param name="label">Kartlegger</xsl:with-param>
        <xsl:with-param name="options">
          <option value="">Alle kartleggere</option>
          <xsl:for-each select="filter/account">
            <option value="{@id}">
              <xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="@name"/><xsl:if test="@instans != ''"> (<xsl:value-of select="@instans"/>)</xsl:if>
            </option>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">fra</xsl:with-param>
        <xsl:with-param name="label">Fra og med dato</xsl:with-param>
        <xsl:with-param name="type">date</xsl:with-param>
        <xsl:with-param name="value" select="filter/@fra"/>
        <xsl:with-param name="hint">ÅÅÅÅ-MM-DD. Tom: fra årets begynnelse.</xsl:with-param>
        <xsl:with-param name="required" select="false()"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">til</xsl:with-param>
        <xsl:with-param name="label">Til og med dato</xsl:with-param>
        <xsl:with-param name="type">date</xsl:with-param>
        <xsl:with-param name="value" select="filter/@til"/>
        <xsl:with-param name="hint">ÅÅÅÅ-MM-DD. Tom: til i dag.</xsl:with-param>
        <xsl:with-param name="required" select="false()"/>
      </xsl:call-template>
      <button type="submit">Vis</button>
      <xsl:if test="filter/@kartlegger != '' or filter/@fra != '' or filter/@til != ''">
        <xsl:text> </xsl:text><a href="{@cgi}/endringslogger">Vis alle</a>
      </xsl:if>
    </form>
    <xsl:apply-templates select="lines"/>
  </xsl:template>

  <xsl:template match="lines">
    <xsl:choose>
      <xsl:when test="@count = 0"><p role="status">Ingen linjer i endringsloggene passer med filteret.</p></xsl:when>
      <xsl:otherwise>
        <p role="status">
          <xsl:choose>
            <xsl:when test="@shown &lt; @count">Viser de <xsl:value-of select="@shown"/> nyeste av <xsl:value-of select="@count"/> linjer. Bruk filteret for å se de andre.</xsl:when>
            <xsl:when test="@count = 1">1 linje.</xsl:when>
            <xsl:otherwise><xsl:value-of select="@count"/> linjer, nyeste først.</xsl:otherwise>
          </xsl:choose>
        </p>
        <table class="data">
          <caption class="visually-hidden">Endringslogger i kommunen, nyeste først</caption>
          <thead>
            <tr><th scope="col">Tidspunkt</th><th scope="col">Kartlegging</th><th scope="col">Kartlegger</th><th scope="col">Instans</th><th scope="col">Handling</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="line">
              <tr>
                <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@time"/></xsl:call-template></td>
                <td>K-<xsl:value-of select="@ref"/></td>
                <td><xsl:choose><xsl:when test="@who"><xsl:value-of select="@who"/></xsl:when><xsl:otherwise>Ukjent konto</xsl:otherwise></xsl:choose></td>
                <td><xsl:value-of select="@instans"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@action = 'opprettet'">Opprettet</xsl:when>
                    <xsl:when test="@action = 'åpnet'">Åpnet</xsl:when>
                    <xsl:when test="@action = 'slettet'">Slettet</xsl:when>
                    <xsl:when test="@action = 'lagret' and @changed = 1">Lagret, 1 spørsmål endret</xsl:when>
                    <xsl:when test="@action = 'lagret' and @changed &gt; 1">Lagret, <xsl:value-of select="@changed"/> spørsmål endret</xsl:when>
                    <xsl:when test="@action = 'lagret'">Lagret</xsl:when>
                    <xsl:when test="@action = 'rettet etter krav fra bruker' and @changed = 1">Rettet etter krav fra bruker, 1 spørsmål endret</xsl:when>
                    <xsl:when test="@action = 'rettet etter krav fra bruker' and @changed &gt; 1">Rettet etter krav fra bruker, <xsl:value-of select="@changed"/> spørsmål endret</xsl:when>
                    <xsl:otherwise><xsl:value-of select="translate(substring(@action, 1, 1), 'aåo', 'AÅO')"/><xsl:value-of select="substring(@action, 2)"/></xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
