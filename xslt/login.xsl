<?xml version="1.0" encoding="UTF-8"?>
<!-- login.xsl: "Logg inn". Model: <email>, messages. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Logg inn</xsl:template>

  <xsl:template match="page[auth = 'oidc']" mode="main">
    <p>Innlogging i Brukerplan skjer med ID-porten på høyeste sikkerhetsnivå, for eksempel med BankID eller MinID med app.</p>
    <p><a class="button" href="{@cgi}/oidc">Logg inn med ID-porten</a></p>
    <p class="aside">Har du ikke konto? Du får en registreringslenke fra den som organiserer kartleggingen (KORUS, kommunekontakten eller instanskontakten).</p>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <p>Logg inn med e-postadressen og passordet du registrerte deg med, og engangskoden fra autentiseringsappen din.</p>
    <form method="post" action="{@cgi}/login" class="narrow">
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name">epost</xsl:with-param>
        <xsl:with-param name="label">E-post</xsl:with-param>
        <xsl:with-param name="type">email</xsl:with-param>
        <xsl:with-param name="value" select="email"/>
        <xsl:with-param name="autocomplete">username</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">passord</xsl:with-param>
        <xsl:with-param name="label">Passord</xsl:with-param>
        <xsl:with-param name="type">password</xsl:with-param>
        <xsl:with-param name="autocomplete">current-password</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">kode</xsl:with-param>
        <xsl:with-param name="label">Engangskode</xsl:with-param>
        <xsl:with-param name="hint">Sekssifret kode fra autentiseringsappen.</xsl:with-param>
        <xsl:with-param name="autocomplete">one-time-code</xsl:with-param>
        <xsl:with-param name="inputmode">numeric</xsl:with-param>
        <xsl:with-param name="maxlength">7</xsl:with-param>
      </xsl:call-template>
      <button type="submit">Logg inn</button>
    </form>
    <p class="aside">Har du ikke konto? Du får en registreringslenke fra den som organiserer kartleggingen (KORUS, kommunekontakten eller instanskontakten).</p>
  </xsl:template>
</xsl:stylesheet>
