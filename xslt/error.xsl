<?xml version="1.0" encoding="UTF-8"?>
<!-- error.xsl: Norwegian error pages, from the CGI programs and (as static files) for the
     errors Apache answers itself. Model: <error status><title/><text/></error>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="error/title"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p><xsl:value-of select="error/text"/></p>
    <p class="aside">Feilkode <xsl:value-of select="error/@status"/>.</p>
    <p><a href="{@cgi}/menu">Gå til hovedmenyen</a></p>
  </xsl:template>
</xsl:stylesheet>
