<?xml version="1.0" encoding="UTF-8"?>
<!-- autorisasjon.xsl: the autorisasjonsregister.
     Model: <accounts><account name instans role innvilget tilbakekalt/></accounts>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Autorisasjonsregister</xsl:template>

  <xsl:template match="page" mode="main">
    <p>Dette er en oversikt over autoriserte brukere i ditt ansvarsområde. «Innvilget» er når brukeren logget inn første gang, «Tilbakekalt» når kontoen ble suspendert.</p>
    <xsl:choose>
      <xsl:when test="not(accounts/account)"><p>Ingen brukere ennå.</p></xsl:when>
      <xsl:otherwise>
        <table class="data">
          <caption class="visually-hidden">Autoriserte brukere</caption>
          <thead><tr><th scope="col">Navn</th><th scope="col">Instans</th><th scope="col">Roller</th><th scope="col">Innvilget</th><th scope="col">Tilbakekalt</th></tr></thead>
          <tbody>
            <xsl:for-each select="accounts/account">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:value-of select="@instans"/></td>
                <td><xsl:value-of select="@role"/></td>
                <td><xsl:choose><xsl:when test="@innvilget"><xsl:value-of select="@innvilget"/></xsl:when><xsl:otherwise>Ikke logget inn ennå</xsl:otherwise></xsl:choose></td>
                <td><xsl:choose><xsl:when test="@tilbakekalt"><xsl:value-of select="@tilbakekalt"/></xsl:when><xsl:otherwise>Nei</xsl:otherwise></xsl:choose></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
