<?xml version="1.0" encoding="UTF-8"?>
<!-- menu.xsl: the main menu. Model: <account name email role role-title>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="@year"/> Kartlegging</xsl:template>

  <xsl:template match="page" mode="main">
    <section class="card" aria-labelledby="konto">
      <h2 id="konto">Din konto</h2>
      <dl class="facts">
        <dt>Navn</dt><dd><xsl:value-of select="account/@name"/></dd>
        <dt>Rolle</dt><dd><xsl:value-of select="account/@role-title"/></dd>
        <dt>E-post</dt><dd><xsl:value-of select="account/@email"/></dd>
      </dl>
    </section>
  </xsl:template>
</xsl:stylesheet>
