<?xml version="1.0" encoding="UTF-8"?>
<!-- stamp.xsl: the copy of a year's definition the programs load: with stamp="…" on its
     root (definition_make passes a hash of the file), and without the texts that only the
     form shows (help, intro, scale, note, input-label, section, heading, the guidance and
     the service combinations: the form has
     them from tools/gen/formtabs.xsl) or no one reads (comments). Labels and the options' texts
     stay: findings and the endringslogg name questions by them, and the innsyn PDF shows
     each answer as its option's text. A survey keeps its evaluation under the
     stamp (cgi-bin/lib/answers.h): a changed definition makes every survey evaluate again.
     Each save parses this file, so what it need not hold costs every save. The result
     is not of definition.rng's shape (headings are gone, items have where="…"); the
     source is checked. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:strip-space elements="*"/>
  <xsl:param name="stamp"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <xsl:template match="help | intro | scale | note | input-label | section | heading | guidance | service-combinations | comment()"/>

  <!-- Where an item stands in its tab, for the findings that name it (the Feil view): its
       group's heading and its own section, where the form shows them. Two questions with
       the same label ("Utskrevet?" in TSB and in psykisk helsevern) are then told apart. -->
  <xsl:template match="item">
    <xsl:variable name="tab" select="ancestor::tab[1]"/>
    <xsl:variable name="heading" select="normalize-space(parent::group/heading)"/>
    <xsl:variable name="section">
      <xsl:if test="section and not(section = $tab/section)"><xsl:value-of select="normalize-space(section)"/></xsl:if>
    </xsl:variable>
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:if test="$heading != '' or $section != ''">
        <xsl:attribute name="where">
          <xsl:value-of select="$heading"/>
          <xsl:if test="$heading != '' and $section != ''"> – </xsl:if>
          <xsl:value-of select="$section"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="/definition">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:attribute name="stamp"><xsl:value-of select="$stamp"/></xsl:attribute>
      <xsl:apply-templates select="node()"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
