<?xml version="1.0" encoding="UTF-8"?>
<!-- admin.xsl: "Kartleggere i <kommune>". Model: <kommune nr name>, <accounts><account id
     name email instans tjenestetype role tilbakekalt invited-by invited surveys with-errors
     can-suspend can-restore can-role can-reset/></accounts>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Kartleggere i <xsl:value-of select="kommune/@name"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p><a href="{@cgi}/invite">Inviter kartleggere</a></p>
    <p>«Med feil» er kartlegginger som mangler svar eller har motsigelser. De blir ikke overført til KORFOR, så de bør rettes før sluttdato.<xsl:if test="accounts/account"><xsl:text> </xsl:text>I alt <xsl:value-of select="sum(accounts/account/@surveys)"/> kartlagt i år, <xsl:value-of select="sum(accounts/account/@with-errors)"/> med feil.</xsl:if></p>
    <xsl:choose>
      <xsl:when test="not(accounts/account)"><p>Ingen brukerkontoer i <xsl:value-of select="kommune/@name"/> ennå.</p></xsl:when>
      <xsl:otherwise>
        <table class="data">
          <caption class="visually-hidden">Brukerkontoer i <xsl:value-of select="kommune/@name"/></caption>
          <thead>
            <tr><th scope="col">Navn</th><th scope="col">E-post</th><th scope="col">Instans</th><th scope="col">Tjenestetype</th><th scope="col">Roller</th><th scope="col">Invitert av</th><th scope="col">Kartlagt i år</th><th scope="col">Med feil</th><th scope="col">Tilgang</th><th scope="col">Kartlegginger</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="accounts/account">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:value-of select="@email"/></td>
                <td><xsl:value-of select="@instans"/></td>
                <td><xsl:value-of select="@tjenestetype"/></td>
                <td><xsl:value-of select="@role"/></td>
                <td><xsl:if test="@invited-by"><xsl:value-of select="@invited-by"/>, <xsl:call-template name="dato"><xsl:with-param name="d" select="@invited"/></xsl:call-template></xsl:if></td>
                <td><xsl:value-of select="@surveys"/></td>
                <td><xsl:value-of select="@with-errors"/></td>
                <td>
                  <xsl:apply-templates select="." mode="access-actions"/>
                </td>
                <td><a href="{/page/@cgi}/handover?fra={@id}">Overfør kartlegginger<span class="visually-hidden"> fra <xsl:value-of select="@name"/></span></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the state of an account's access and what the reader may do to it -->
  <xsl:template match="account" mode="access-actions">
    <xsl:if test="@tilbakekalt"><p>Suspendert <xsl:call-template name="dato"><xsl:with-param name="d" select="@tilbakekalt"/></xsl:call-template></p></xsl:if>
    <xsl:if test="@can-suspend"><a class="button danger" href="{/page/@cgi}/admin/suspender?id={@id}">Suspender<span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></a><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="@can-restore"><a class="button secondary" href="{/page/@cgi}/admin/opphev?id={@id}">Opphev suspensjon<span class="visually-hidden"> for <xsl:value-of select="@name"/></span></a><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="@can-role"><a href="{/page/@cgi}/admin/rolle?id={@id}">Endre rolle<span class="visually-hidden"> for <xsl:value-of select="@name"/></span></a></xsl:if>
    <xsl:if test="@can-reset"><xsl:text> </xsl:text><a href="{/page/@cgi}/tilbakestill/lag?id={@id}">Ny telefon eller glemt passord<span class="visually-hidden"> for <xsl:value-of select="@name"/></span></a></xsl:if>
  </xsl:template>
</xsl:stylesheet>
