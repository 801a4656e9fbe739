<?xml version="1.0" encoding="UTF-8"?>
<!-- register-totp.xsl: "Registrer deg", step 2 of 2: the TOTP enrolment.
     Model: <invite>, <token>, <pending>, <totp secret email><qr width path/></totp>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Sett opp engangskode</xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="w" select="totp/qr/@width + 8"/>
    <p>Steg 2 av 2. Innlogging i Brukerplan krever en engangskode i tillegg til passordet.</p>
    <ol class="steps">
      <li>Åpne en autentiseringsapp på mobilen (for eksempel Microsoft Authenticator, Google Authenticator eller FreeOTP) og velg å legge til en konto.</li>
      <li>Skann QR-koden, eller skriv inn nøkkelen under for hånd.</li>
      <li>Skriv inn den sekssifrede koden appen viser, og trykk «Fullfør registreringen».</li>
    </ol>
    <figure class="qr">
      <svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 {$w} {$w}" width="220" height="220" role="img" aria-labelledby="qr-tekst">
        <title id="qr-tekst">QR-kode for autentiseringsappen</title>
        <rect x="-4" y="-4" width="{$w}" height="{$w}" fill="#ffffff"/>
        <path d="{totp/qr/@path}" fill="#000000"/>
      </svg>
      <figcaption>
        <span>Nøkkel for <xsl:value-of select="totp/@email"/>:</span>
        <code class="secret"><xsl:value-of select="totp/@secret"/></code>
        <span class="hint">Tidsbasert (TOTP), 6 sifre, 30 sekunder.</span>
      </figcaption>
    </figure>
    <form method="post" action="{@cgi}/register" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="t" value="{token}"/>
      <input type="hidden" name="p" value="{pending}"/>
      <input type="hidden" name="steg" value="kode"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name">kode</xsl:with-param>
        <xsl:with-param name="label">Engangskode fra appen</xsl:with-param>
        <xsl:with-param name="autocomplete">one-time-code</xsl:with-param>
        <xsl:with-param name="inputmode">numeric</xsl:with-param>
        <xsl:with-param name="maxlength">7</xsl:with-param>
      </xsl:call-template>
      <button type="submit">Fullfør registreringen</button>
    </form>
  </xsl:template>
</xsl:stylesheet>
