<?xml version="1.0" encoding="UTF-8"?>
<!-- admin-restore.xsl: "Opphev suspensjon" of one account, with the reason (kept in the
     autorisasjonsregister's history). Model: <account id name instans the kommune>,
     <values grunn>, an error on the field "grunn". -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Opphev suspensjon for <xsl:value-of select="account/@name"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p class="lead">Opphev suspensjonen av <xsl:value-of select="account/@the"/> «<xsl:value-of select="account/@name"/>»<xsl:if test="account/@instans != ''"> (<xsl:value-of select="account/@instans"/>)</xsl:if>?</p>
    <ul>
      <li>Personen kan logge inn igjen med samme konto, passord og autentiseringsapp.</li>
      <li>Registreringslenker som ble trukket tilbake ved suspensjonen, forblir trukket tilbake.</li>
      <li>Grunnen vises i autorisasjonsregisteret sammen med tidspunktet.</li>
    </ul>
    <form method="post" action="{@cgi}/admin/opphev" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{account/@id}"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name">grunn</xsl:with-param>
        <xsl:with-param name="label">Grunn (obligatorisk)</xsl:with-param>
        <xsl:with-param name="hint">For eksempel «Suspendert ved en feil, avtalt med kommunekontakten».</xsl:with-param>
        <xsl:with-param name="value" select="values/@grunn"/>
        <xsl:with-param name="maxlength">200</xsl:with-param>
      </xsl:call-template>
      <button type="submit">Opphev suspensjon</button>
      <xsl:text> </xsl:text>
      <xsl:call-template name="cancel"/>
    </form>
  </xsl:template>

  <xsl:template name="cancel">
    <xsl:choose>
      <xsl:when test="account/@kommune != ''"><a href="{/page/@cgi}/admin?kommune={account/@kommune}">Avbryt</a></xsl:when>
      <xsl:otherwise><a href="{/page/@cgi}/autorisasjon">Avbryt</a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
