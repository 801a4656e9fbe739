<?xml version="1.0" encoding="UTF-8"?>
<!-- register.xsl: "Registrer deg" through an invitation link.
     Model: <invalid> (the link cannot be used), or <invite role role-title kommune instans>,
     <token>, <step>konto|kode</step>; for konto <values name email>; for kode <pending> and
     <totp secret email><qr width path/></totp>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="invalid">Registreringslenken kan ikke brukes</xsl:when>
      <xsl:when test="step = 'kode'">Sett opp engangskode</xsl:when>
      <xsl:otherwise>Registrer deg som <xsl:value-of select="invite/@role-title"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[invalid]" mode="main">
    <p><xsl:value-of select="invalid"/></p>
  </xsl:template>

  <xsl:template match="page[step = 'konto']" mode="main">
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

  <xsl:template match="page[step = 'kode']" mode="main">
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
