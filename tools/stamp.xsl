<?xml version="1.0" encoding="UTF-8"?>
<!-- stamp.xsl: the copy of a year's definition the programs load: with stamp="…" on its
     root (the Makefile passes a hash of the file), and without the texts that only the
     form shows (help, intro, scale, note, input-label, section, heading: the form has
     them from tools/form.xsl) or no one reads (comments). Labels and the options' texts
     stay: findings and the endringslogg name questions by them, and the innsyn PDF shows
     each answer as its option's text. A survey keeps its evaluation under the
     stamp (cgi-bin/lib/answers.h): a changed definition makes every survey evaluate again.
     Each save parses this file, so what it need not hold costs every save. The result
     is not of definition.rng's shape (headings are gone); the source is checked. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:strip-space elements="*"/>
  <xsl:param name="stamp"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <xsl:template match="help | intro | scale | note | input-label | section | heading | comment()"/>

  <xsl:template match="/definition">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="stamp"><xsl:value-of select="$stamp"/></xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
