<?xml version="1.0" encoding="UTF-8"?>
<!-- logout.xsl: with ID-porten, logging out goes on to end the ID-porten session.
     Model: <refresh>URL</refresh> (also a meta refresh in layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Logger ut</xsl:template>

  <xsl:template match="page" mode="main">
    <p role="status">Du er logget ut av Brukerplan. Du sendes videre for å logge ut av ID-porten også.</p>
    <p><a href="{refresh}">Fullfør utloggingen fra ID-porten</a></p>
  </xsl:template>
</xsl:stylesheet>
