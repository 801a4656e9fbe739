<?xml version="1.0" encoding="UTF-8"?>
<!-- minify.xsl: copy a stylesheet without comments and whitespace-only text (outside
     xsl:text), which XSLT ignores anyway. Every request parses its stylesheet afresh, and
     this cuts that work by about a fifth (tests/bench/README.md). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>
  <xsl:template match="comment()"/>
  <xsl:template match="text()[normalize-space() = ''][not(ancestor::xsl:text)]"/>
</xsl:stylesheet>
