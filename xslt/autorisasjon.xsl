<?xml version="1.0" encoding="UTF-8"?>
<!-- autorisasjon.xsl: the autorisasjonsregister. Model: <accounts><account id name instans
     role innvilget tilbakekalt invited-by invited can-suspend can-restore can-role>
     <change kind time by>reason</change>...</account></accounts>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Autorisasjonsregister</xsl:template>

  <xsl:template match="page" mode="main">
    <p>Dette er en oversikt over autoriserte brukere i ditt ansvarsområde. «Invitert av» er den som laget lenken brukeren registrerte seg med, «Innvilget» når brukeren logget inn første gang, «Tilbakekalt» når kontoen ble suspendert. «Historikk» viser suspensjoner, opphevede suspensjoner og endrede roller med tidspunkt.</p>
    <xsl:choose>
      <xsl:when test="not(accounts/account)"><p>Ingen brukere ennå.</p></xsl:when>
      <xsl:otherwise>
        <table class="data">
          <caption class="visually-hidden">Autoriserte brukere</caption>
          <thead><tr><th scope="col">Navn</th><th scope="col">Instans</th><th scope="col">Roller</th><th scope="col">Invitert av</th><th scope="col">Innvilget</th><th scope="col">Tilbakekalt</th><th scope="col">Historikk</th><th scope="col">Tilgang</th></tr></thead>
          <tbody>
            <xsl:for-each select="accounts/account">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:value-of select="@instans"/></td>
                <td><xsl:value-of select="@role"/></td>
                <td><xsl:if test="@invited-by"><xsl:value-of select="@invited-by"/>, <xsl:call-template name="dato"><xsl:with-param name="d" select="@invited"/></xsl:call-template></xsl:if></td>
                <td><xsl:choose><xsl:when test="@innvilget"><xsl:call-template name="dato"><xsl:with-param name="d" select="@innvilget"/></xsl:call-template></xsl:when><xsl:otherwise>Ikke logget inn ennå</xsl:otherwise></xsl:choose></td>
                <td><xsl:choose><xsl:when test="@tilbakekalt"><xsl:call-template name="dato"><xsl:with-param name="d" select="@tilbakekalt"/></xsl:call-template></xsl:when><xsl:otherwise>Nei</xsl:otherwise></xsl:choose></td>
                <td>
                  <xsl:if test="change">
                    <ul>
                      <xsl:for-each select="change">
                        <li><xsl:value-of select="@kind"/><xsl:text> </xsl:text><xsl:call-template name="dato"><xsl:with-param name="d" select="@time"/></xsl:call-template> av <xsl:value-of select="@by"/><xsl:if test=". != ''">: <xsl:value-of select="."/></xsl:if></li>
                      </xsl:for-each>
                    </ul>
                  </xsl:if>
                </td>
                <td>
                  <xsl:if test="@can-suspend"><a class="button danger" href="{/page/@cgi}/admin/suspender?id={@id}">Suspender<span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></a><xsl:text> </xsl:text></xsl:if>
                  <xsl:if test="@can-restore"><a class="button secondary" href="{/page/@cgi}/admin/opphev?id={@id}">Opphev suspensjon<span class="visually-hidden"> for <xsl:value-of select="@name"/></span></a><xsl:text> </xsl:text></xsl:if>
                  <xsl:if test="@can-role"><a href="{/page/@cgi}/admin/rolle?id={@id}">Endre rolle<span class="visually-hidden"> for <xsl:value-of select="@name"/></span></a></xsl:if>
                  <xsl:if test="@can-reset"><xsl:text> </xsl:text><a href="{/page/@cgi}/tilbakestill/lag?id={@id}">Ny telefon eller glemt passord<span class="visually-hidden"> for <xsl:value-of select="@name"/></span></a></xsl:if>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
