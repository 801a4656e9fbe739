<?xml version="1.0" encoding="UTF-8"?>
<!-- register.xsl: "Registrer deg", step 1 of 2 (name, e-post, password).
     Model: <invite role role-title kommune instans>, <token>, <values name email>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Registrer deg som <xsl:value-of select="invite/@role-title"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p>Steg 1 av 2. Oppgi fullt navn, e-postadresse og et passord. I neste steg setter du opp engangskoder i en autentiseringsapp på mobilen.</p>
    <form method="post" action="{@cgi}/register" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="t" value="{token}"/>
      <input type="hidden" name="steg" value="konto"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name">navn</xsl:with-param>
        <xsl:with-param name="label">Fullt navn</xsl:with-param>
        <xsl:with-param name="value" select="values/@name"/>
        <xsl:with-param name="autocomplete">name</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">epost</xsl:with-param>
        <xsl:with-param name="label">E-postadresse</xsl:with-param>
        <xsl:with-param name="type">email</xsl:with-param>
        <xsl:with-param name="value" select="values/@email"/>
        <xsl:with-param name="autocomplete">email</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">passord</xsl:with-param>
        <xsl:with-param name="label">Passord</xsl:with-param>
        <xsl:with-param name="type">password</xsl:with-param>
        <xsl:with-param name="hint">Minst 12 tegn. En setning av flere ord er lett å huske og vanskelig å gjette.</xsl:with-param>
        <xsl:with-param name="autocomplete">new-password</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">passord2</xsl:with-param>
        <xsl:with-param name="label">Gjenta passordet</xsl:with-param>
        <xsl:with-param name="type">password</xsl:with-param>
        <xsl:with-param name="autocomplete">new-password</xsl:with-param>
      </xsl:call-template>
      <button type="submit">Neste</button>
    </form>
  </xsl:template>

</xsl:stylesheet>
