<?xml version="1.0" encoding="UTF-8"?>
<!-- register.xsl: "Registrer deg", step 1 of 2 (name, e-post, password; kommune/bydel,
     instans and tjenestetype for a kartlegger; the terms of use).
     Model: <invite role role-title region kommune bydel instans>, <token>, optional
     <kommuner> (bydeler to choose from), <tjenestetyper>, <values name email bydel
     tjenestetype terms>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>
  <xsl:include href="select.xsl"/>
  <xsl:include href="checkbox.xsl"/>

  <xsl:template match="page" mode="title">Registrer deg som <xsl:value-of select="invite/@role-title"/></xsl:template>

  <!-- auth = oidc, before ID-porten: who registers is proved there first -->
  <xsl:template match="page[start]" mode="main">
    <xsl:call-template name="invite-facts"/>
    <p>For å registrere deg må du først logge inn med ID-porten på høyeste sikkerhetsnivå (for eksempel BankID eller MinID med app). Deretter fyller du inn navn og e-postadresse.</p>
    <p><a class="button" href="{start}">Logg inn med ID-porten</a></p>
  </xsl:template>

  <xsl:template name="invite-facts">
    <dl class="facts">
      <dt>Tilhørighet</dt><dd><xsl:value-of select="invite/@role-title"/></dd>
      <xsl:if test="invite/@region"><dt>Region</dt><dd><xsl:value-of select="invite/@region"/></dd></xsl:if>
      <xsl:if test="invite/@kommune">
        <dt>Kommune/bydel</dt>
        <dd><xsl:value-of select="invite/@kommune"/><xsl:if test="invite/@bydel">, bydel <xsl:value-of select="invite/@bydel"/></xsl:if></dd>
      </xsl:if>
      <xsl:if test="invite/@instans != ''"><dt>Instans</dt><dd><xsl:value-of select="invite/@instans"/></dd></xsl:if>
    </dl>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:choose>
      <xsl:when test="auth = 'oidc'"><p>Du er logget inn med ID-porten. Oppgi fullt navn og e-postadresse, og godta bruksvilkårene.</p></xsl:when>
      <xsl:otherwise><p>Steg 1 av 2. Oppgi fullt navn, e-postadresse og et passord. I neste steg setter du opp engangskoder i en autentiseringsapp på mobilen.</p></xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="invite-facts"/>
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
      <xsl:if test="auth != 'oidc'">
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
      </xsl:if>
      <xsl:if test="kommuner/kommune/bydel">
        <xsl:call-template name="select">
          <xsl:with-param name="name">bydel</xsl:with-param>
          <xsl:with-param name="label">Bydel</xsl:with-param>
          <xsl:with-param name="options">
            <option value="">Hele <xsl:value-of select="kommuner/kommune/@name"/> kommune</option>
            <xsl:for-each select="kommuner/kommune/bydel">
              <option value="{@nr}"><xsl:if test="@nr = /page/values/@bydel"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="tjenestetyper">
        <xsl:call-template name="select">
          <xsl:with-param name="name">tjenestetype</xsl:with-param>
          <xsl:with-param name="label">Tjenestetype</xsl:with-param>
          <xsl:with-param name="options">
            <option value="">Velg tjenestetype</option>
            <xsl:for-each select="tjenestetyper/tjenestetype">
              <option value="{@id}"><xsl:if test="@id = /page/values/@tjenestetype"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:if>
      <xsl:call-template name="checkbox">
        <xsl:with-param name="name">vilkar</xsl:with-param>
        <xsl:with-param name="checked" select="values/@terms = '1'"/>
        <xsl:with-param name="label">Jeg har lest og godtar <a href="{@cgi}/register/vilkar" target="_blank" rel="noopener">bruksvilkårene for Brukerplan</a> (åpnes i ny fane)</xsl:with-param>
      </xsl:call-template>
      <button type="submit"><xsl:choose><xsl:when test="auth = 'oidc'">Fullfør registreringen</xsl:when><xsl:otherwise>Neste</xsl:otherwise></xsl:choose></button>
    </form>
  </xsl:template>

</xsl:stylesheet>
