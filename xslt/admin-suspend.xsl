<?xml version="1.0" encoding="UTF-8"?>
<!-- admin-suspend.xsl: the confirmation before a suspension, naming the person.
     Model: <account id name instans the kommune> ("the": "kartleggeren", ...). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Suspender <xsl:value-of select="account/@name"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p class="lead">Vil du virkelig suspendere <xsl:value-of select="account/@the"/> «<xsl:value-of select="account/@name"/>» (<xsl:value-of select="account/@instans"/>)?</p>
    <ul>
      <li>Kontoen kan ikke lenger brukes til å logge inn.</li>
      <li>Registreringslenkene kontoen har laget, trekkes tilbake med en gang.</li>
      <li>Personen kan ikke registrere seg på nytt i Brukerplan i år. Er det en feil, må KORFOR kontaktes.</li>
      <li>Kartleggingene til kontoen skal overføres til en annen kartlegger i samme instans eller til kommunekontakten.</li>
    </ul>
    <form method="post" action="{@cgi}/admin/suspender">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{account/@id}"/>
      <input type="hidden" name="bekreft" value="ja"/>
      <button type="submit" class="danger">Suspender <xsl:value-of select="account/@name"/></button>
      <xsl:text> </xsl:text>
      <xsl:call-template name="cancel"/>
    </form>
  </xsl:template>

  <!-- back where the account is listed: its kommune's accounts, else the register -->
  <xsl:template name="cancel">
    <xsl:choose>
      <xsl:when test="account/@kommune != ''"><a href="{/page/@cgi}/admin?kommune={account/@kommune}">Avbryt</a></xsl:when>
      <xsl:otherwise><a href="{/page/@cgi}/autorisasjon">Avbryt</a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
