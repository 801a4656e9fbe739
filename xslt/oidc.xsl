<?xml version="1.0" encoding="UTF-8"?>
<!-- oidc.xsl: why a login or registration through ID-porten could not go on.
     Model: <problem>text</problem>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Innlogging med ID-porten</xsl:template>

  <xsl:template match="page" mode="main">
    <p class="lead" role="alert"><xsl:value-of select="problem"/></p>
    <p><a href="{@cgi}/login">Til innloggingssiden</a></p>
  </xsl:template>
</xsl:stylesheet>
