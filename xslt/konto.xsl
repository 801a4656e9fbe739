<?xml version="1.0" encoding="UTF-8"?>
<!-- konto.xsl: "Min konto": the account, a new password (auth = local) and the sessions.
     Model: <auth>, <account name email role role-title instans kommune ...>,
     <sessions><session started seen browser current?/></sessions>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Min konto</xsl:template>

  <xsl:template match="page" mode="main">
    <dl class="facts">
      <dt>Navn</dt><dd><xsl:value-of select="account/@name"/></dd>
      <dt>E-post</dt><dd><xsl:value-of select="account/@email"/></dd>
      <dt>Rolle</dt><dd><xsl:value-of select="account/@role-title"/></dd>
      <xsl:if test="account/@instans != ''"><dt>Instans</dt><dd><xsl:value-of select="account/@instans"/></dd></xsl:if>
    </dl>

    <xsl:if test="auth = 'local'">
      <section aria-labelledby="nytt-passord">
        <h2 id="nytt-passord">Bytt passord</h2>
        <p>Når du bytter passord, blir du logget ut på alle andre enheter.</p>
        <form method="post" action="{@cgi}/konto" class="narrow">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="handling" value="passord"/>
          <xsl:call-template name="field">
            <xsl:with-param name="name">naavaerende</xsl:with-param>
            <xsl:with-param name="label">Nåværende passord</xsl:with-param>
            <xsl:with-param name="type">password</xsl:with-param>
            <xsl:with-param name="autocomplete">current-password</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name">kode</xsl:with-param>
            <xsl:with-param name="label">Engangskode fra autentiseringsappen</xsl:with-param>
            <xsl:with-param name="autocomplete">one-time-code</xsl:with-param>
            <xsl:with-param name="inputmode">numeric</xsl:with-param>
            <xsl:with-param name="maxlength">7</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name">passord</xsl:with-param>
            <xsl:with-param name="label">Nytt passord</xsl:with-param>
            <xsl:with-param name="type">password</xsl:with-param>
            <xsl:with-param name="hint">Minst 12 tegn, ikke et vanlig ord eller passord. En setning av flere ord er lett å huske og vanskelig å gjette.</xsl:with-param>
            <xsl:with-param name="autocomplete">new-password</xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="field">
            <xsl:with-param name="name">passord2</xsl:with-param>
            <xsl:with-param name="label">Gjenta det nye passordet</xsl:with-param>
            <xsl:with-param name="type">password</xsl:with-param>
            <xsl:with-param name="autocomplete">new-password</xsl:with-param>
          </xsl:call-template>
          <button type="submit">Bytt passord</button>
        </form>
      </section>
    </xsl:if>

    <section aria-labelledby="okter">
      <h2 id="okter">Innlogginger</h2>
      <table>
        <caption>Enheter der du er logget inn nå</caption>
        <thead>
          <tr><th scope="col">Nettleser</th><th scope="col">Logget inn</th><th scope="col">Sist brukt</th><th scope="col">Denne enheten</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="sessions/session">
            <tr>
              <td><xsl:value-of select="@browser"/></td>
              <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@started"/></xsl:call-template></td>
              <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@seen"/></xsl:call-template></td>
              <td><xsl:if test="@current = '1'">Denne enheten</xsl:if></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <form method="post" action="{@cgi}/konto">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="logg-ut-andre"/>
        <button type="submit">Logg ut på alle andre enheter</button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
