<?xml version="1.0" encoding="UTF-8"?>
<!-- tilgangslogg.xsl: the trace of every access in the reader's scope. Model: <filter
     person type fra til scope><kind id>title</kind><people><account id name role/></people>
     </filter>, <lines count shown><line time event who about kommune detail addr/></lines>
     (absent when a filter was refused). No fødselsnummer or health data is in the model. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>
  <xsl:include href="select.xsl"/>

  <xsl:template match="page" mode="title">Tilgangslogg</xsl:template>

  <xsl:template match="page" mode="main">
    <p>
      <xsl:choose>
        <xsl:when test="filter/@scope = 'kommune'">Hvem som har logget inn, slått opp personer, lastet ned, invitert, suspendert og endret tilganger i kommunen.</xsl:when>
        <xsl:when test="filter/@scope = 'region'">Hvem som har logget inn, slått opp personer, lastet ned, invitert, suspendert og endret tilganger i regionen.</xsl:when>
        <xsl:otherwise>Hvem som har logget inn, slått opp personer, lastet ned, invitert, suspendert og endret tilganger i hele landet.</xsl:otherwise>
      </xsl:choose>
      Oppslag viser utfallet, aldri fødselsnummeret.
    </p>
    <!-- a GET form: the filters hold no personal data, and the result can be bookmarked -->
    <form method="get" action="{@cgi}/tilgangslogg" class="narrow" novalidate="novalidate" aria-label="Filtrer tilgangsloggen">
      <xsl:call-template name="select">
        <xsl:with-param name="name">person</xsl:with-param>
        <xsl:with-param name="label">Person</xsl:with-param>
        <xsl:with-param name="options">
          <option value="">Alle</option>
          <xsl:for-each select="filter/people/account">
            <option value="{@id}">
              <xsl:if test="@id = /page/filter/@person"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="@name"/> (<xsl:value-of select="@role"/>)
            </option>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="name">type</xsl:with-param>
        <xsl:with-param name="label">Type hendelse</xsl:with-param>
        <xsl:with-param name="options">
          <option value="">Alle typer</option>
          <xsl:for-each select="filter/kind">
            <option value="{@id}">
              <xsl:if test="@id = /page/filter/@type"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">fra</xsl:with-param>
        <xsl:with-param name="label">Fra og med dato</xsl:with-param>
        <xsl:with-param name="type">date</xsl:with-param>
        <xsl:with-param name="value" select="filter/@fra"/>
        <xsl:with-param name="hint">dd.mm.åååå. Tom: fra begynnelsen.</xsl:with-param>
        <xsl:with-param name="required" select="false()"/>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">til</xsl:with-param>
        <xsl:with-param name="label">Til og med dato</xsl:with-param>
        <xsl:with-param name="type">date</xsl:with-param>
        <xsl:with-param name="value" select="filter/@til"/>
        <xsl:with-param name="hint">dd.mm.åååå. Tom: til i dag.</xsl:with-param>
        <xsl:with-param name="required" select="false()"/>
      </xsl:call-template>
      <button type="submit">Vis</button>
      <xsl:if test="filter/@person != '' or filter/@type != '' or filter/@fra != '' or filter/@til != ''">
        <xsl:text> </xsl:text><a href="{@cgi}/tilgangslogg">Vis alle</a>
      </xsl:if>
    </form>
    <xsl:apply-templates select="lines"/>
  </xsl:template>

  <xsl:template match="lines">
    <xsl:choose>
      <xsl:when test="@count = 0"><p role="status">Ingen hendelser passer med filteret.</p></xsl:when>
      <xsl:otherwise>
        <p role="status">
          <xsl:choose>
            <xsl:when test="@shown &lt; @count">Viser de <xsl:value-of select="@shown"/> nyeste av <xsl:value-of select="@count"/> hendelser. Bruk filteret for å se de andre.</xsl:when>
            <xsl:when test="@count = 1">1 hendelse.</xsl:when>
            <xsl:otherwise><xsl:value-of select="@count"/> hendelser, nyeste først.</xsl:otherwise>
          </xsl:choose>
        </p>
        <table class="data">
          <caption class="visually-hidden">Tilgangslogg, nyeste først</caption>
          <thead>
            <tr><th scope="col">Tidspunkt</th><th scope="col">Hendelse</th><th scope="col">Hvem</th><th scope="col">Gjelder</th><th scope="col">Kommune</th><th scope="col">Detaljer</th><th scope="col">Adresse</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="line">
              <tr>
                <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@time"/></xsl:call-template></td>
                <td><xsl:value-of select="@event"/></td>
                <td><xsl:value-of select="@who"/></td>
                <td><xsl:value-of select="@about"/></td>
                <td><xsl:value-of select="@kommune"/></td>
                <td><xsl:value-of select="@detail"/></td>
                <td><xsl:value-of select="@addr"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
