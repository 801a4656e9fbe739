<?xml version="1.0" encoding="UTF-8"?>
<!-- welcome.xsl: KORFOR writes the velkomstmelding. Model: <welcome changed>text</welcome>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Velkomstmelding</xsl:template>

  <xsl:template match="page" mode="main">
    <p>Meldingen vises for alle brukere én gang, første gang de logger inn etter at den er endret. En tom melding vises ikke.</p>
    <xsl:if test="welcome/@changed"><p class="aside">Sist endret <xsl:call-template name="dato"><xsl:with-param name="d" select="welcome/@changed"/></xsl:call-template>.</p></xsl:if>
    <form method="post" action="{@cgi}/welcome">
      <xsl:call-template name="csrf"/>
      <xsl:variable name="err" select="message[@kind = 'error' and @field = 'tekst']"/>
      <div class="field">
        <label for="f-tekst">Velkomstmelding</label>
        <p class="hint" id="f-tekst-hint">Høyst 4000 tegn. Linjeskift beholdes.</p>
        <xsl:if test="$err"><p class="field-error" id="f-tekst-err"><xsl:value-of select="$err"/></p></xsl:if>
        <textarea id="f-tekst" name="tekst" rows="8" cols="60" maxlength="4000" aria-describedby="f-tekst-hint">
          <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">f-tekst-hint f-tekst-err</xsl:attribute></xsl:if>
          <xsl:value-of select="welcome"/>
        </textarea>
      </div>
      <button type="submit">Lagre velkomstmeldingen</button>
    </form>
  </xsl:template>
</xsl:stylesheet>
