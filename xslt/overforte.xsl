<?xml version="1.0" encoding="UTF-8"?>
<!-- overforte.xsl: KORFOR's registry: the transfers per year and kommune, each with its
     CSV file. Model: <transfers><transfer kommune navn aar overfort av transferred
     held-back/></transfers>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Overførte kartlegginger</xsl:template>

  <xsl:template match="page" mode="main">
    <p>Kartleggingene kommunene har overført, pseudonymisert og uten fødselsnummer. CSV-filen har én rad per kartlagt bruker og én kolonne per spørsmål i årets kartlegging. Hver nedlasting skrives i revisjonsloggen.</p>
    <xsl:choose>
      <xsl:when test="not(transfers/transfer)"><p>Ingen kommuner har overført kartleggingen ennå.</p></xsl:when>
      <xsl:otherwise>
        <table class="data">
          <caption class="visually-hidden">Overførte kartlegginger per år og kommune</caption>
          <thead>
            <tr><th scope="col">År</th><th scope="col">Kommune</th><th scope="col">Overført</th><th scope="col">Kartlagte brukere</th><th scope="col">Holdt tilbake (feil)</th><th scope="col">CSV</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="transfers/transfer">
              <xsl:sort select="@aar" order="descending"/>
              <tr>
                <td><xsl:value-of select="@aar"/></td>
                <th scope="row"><xsl:value-of select="@kommune"/><xsl:text> </xsl:text><xsl:value-of select="@navn"/></th>
                <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@overfort"/></xsl:call-template> (<xsl:value-of select="@av"/>)</td>
                <td><xsl:value-of select="@transferred"/></td>
                <td><xsl:value-of select="@held-back"/></td>
                <td><a href="{/page/@cgi}/overforte?aar={@aar}&amp;kommune={@kommune}">Last ned CSV<span class="visually-hidden"><xsl:text> for </xsl:text><xsl:value-of select="@navn"/><xsl:text> </xsl:text><xsl:value-of select="@aar"/></span></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
