<?xml version="1.0" encoding="UTF-8"?>
<!-- register-invalid.xsl: an invitation link that cannot be used, and why.
     Model: <invalid>text</invalid>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Registreringslenken kan ikke brukes</xsl:template>

  <xsl:template match="page" mode="main">
    <p><xsl:value-of select="invalid"/></p>
  </xsl:template>

</xsl:stylesheet>
