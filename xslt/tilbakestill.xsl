<?xml version="1.0" encoding="UTF-8"?>
<!-- tilbakestill.xsl: reset links ("Ny telefon / glemt passord"). One screen per model:
     <confirm/> with <account> (make a link?), <link> with <account> (the link, once),
     <new-password/> with <token> and <account> (step 1), <totp secret email><qr/></totp>
     with <token> (step 2), <invalid>text</invalid> (a link that cannot be used). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page[invalid]" mode="title">Lenken kan ikke brukes</xsl:template>
  <xsl:template match="page[confirm]" mode="title">Lag lenke for nytt passord</xsl:template>
  <xsl:template match="page[link]" mode="title">Lenke for nytt passord</xsl:template>
  <xsl:template match="page[new-password]" mode="title">Velg nytt passord</xsl:template>
  <xsl:template match="page[totp]" mode="title">Sett opp autentiseringsappen på nytt</xsl:template>

  <xsl:template match="page[invalid]" mode="main">
    <p><xsl:value-of select="invalid"/></p>
  </xsl:template>

  <xsl:template name="person">
    <dl class="facts">
      <dt>Navn</dt><dd><xsl:value-of select="account/@name"/></dd>
      <dt>E-post</dt><dd><xsl:value-of select="account/@email"/></dd>
      <dt>Rolle</dt><dd><xsl:value-of select="account/@role-title"/></dd>
      <xsl:if test="account/@instans != ''"><dt>Instans</dt><dd><xsl:value-of select="account/@instans"/></dd></xsl:if>
    </dl>
  </xsl:template>

  <xsl:template match="page[confirm]" mode="main">
    <p>Har <xsl:value-of select="account/@name"/> fått ny telefon eller glemt passordet? Lag en engangslenke. Med den velger personen et nytt passord og setter opp autentiseringsappen på nytt. Det gamle passordet og de gamle engangskodene slutter da å virke, og personen blir logget ut overalt.</p>
    <xsl:call-template name="person"/>
    <form method="post" action="{@cgi}/tilbakestill/lag">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{account/@id}"/>
      <input type="hidden" name="bekreft" value="ja"/>
      <button type="submit">Lag lenke for <xsl:value-of select="account/@name"/></button>
    </form>
    <p><a href="{@cgi}/admin">Avbryt</a></p>
  </xsl:template>

  <xsl:template match="page[link]" mode="main">
    <xsl:call-template name="person"/>
    <p class="notice" role="status">Gi lenken til personen på en sikker måte; den gjelder i 24 timer og kan brukes én gang.</p>
    <p>Lenken vises bare nå:</p>
    <p><code class="link"><xsl:value-of select="link"/></code></p>
  </xsl:template>

  <xsl:template match="page[new-password]" mode="main">
    <p>Steg 1 av 2. Velg et nytt passord for <xsl:value-of select="account/@email"/>. I neste steg setter du opp autentiseringsappen på telefonen på nytt.</p>
    <form method="post" action="{@cgi}/tilbakestill" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="t" value="{token}"/>
      <input type="hidden" name="steg" value="passord"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name">passord</xsl:with-param>
        <xsl:with-param name="label">Nytt passord</xsl:with-param>
        <xsl:with-param name="type">password</xsl:with-param>
        <xsl:with-param name="hint">Minst 12 tegn, ikke et vanlig ord eller passord. En setning av flere ord er lett å huske og vanskelig å gjette.</xsl:with-param>
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

  <xsl:template match="page[totp]" mode="main">
    <xsl:variable name="w" select="totp/qr/@width + 8"/>
    <p>Steg 2 av 2. Innlogging i Brukerplan krever en engangskode i tillegg til passordet. Den gamle oppføringen for Brukerplan i appen virker ikke lenger; slett den gjerne.</p>
    <ol class="steps">
      <li>Åpne en autentiseringsapp på mobilen (for eksempel Microsoft Authenticator, Google Authenticator eller FreeOTP) og velg å legge til en konto.</li>
      <li>Skann QR-koden, eller skriv inn nøkkelen under for hånd.</li>
      <li>Skriv inn den sekssifrede koden appen viser, og trykk «Fullfør».</li>
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
    <form method="post" action="{@cgi}/tilbakestill" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="t" value="{token}"/>
      <input type="hidden" name="steg" value="kode"/>
      <xsl:call-template name="field">
        <xsl:with-param name="name">kode</xsl:with-param>
        <xsl:with-param name="label">Engangskode fra appen</xsl:with-param>
        <xsl:with-param name="autocomplete">one-time-code</xsl:with-param>
        <xsl:with-param name="inputmode">numeric</xsl:with-param>
        <xsl:with-param name="maxlength">7</xsl:with-param>
      </xsl:call-template>
      <button type="submit">Fullfør</button>
    </form>
  </xsl:template>
</xsl:stylesheet>
