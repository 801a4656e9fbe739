<?xml version="1.0" encoding="UTF-8"?>
<!-- rapport.xsl: the copy of a year's report definition (data/rapport/YEAR.xml) the programs
     load, with what it takes from the questionnaire (param def: the path of
     data/kartlegging/YEAR.xml, the source, which still has the group headings) written
     out: a section over one item gets a row per option, <levels> a row per area and
     colour (the areas of the levekårsindeks), <services> every service with its group's
     heading. cgi-bin/lib/report.c then needs no second file. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:strip-space elements="*"/>
  <xsl:param name="def"/>
  <xsl:variable name="d" select="document($def)/definition"/>

  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>
  <xsl:template match="comment()"/>

  <xsl:template match="/report">
    <xsl:if test="not($d)"><xsl:message terminate="yes">rapport.xsl: no definition at <xsl:value-of select="$def"/></xsl:message></xsl:if>
    <xsl:copy><xsl:apply-templates select="@*|node()"/></xsl:copy>
  </xsl:template>

  <!-- one row per option of the item -->
  <xsl:template match="section[@item]">
    <xsl:variable name="item" select="@item"/>
    <xsl:variable name="it" select="$d//item[@id = $item]"/>
    <xsl:if test="not($it/option)"><xsl:message terminate="yes">rapport.xsl: no options for <xsl:value-of select="$item"/></xsl:message></xsl:if>
    <section>
      <xsl:apply-templates select="@*[name() != 'item']"/>
      <xsl:for-each select="$it/option">
        <row id="{@id}" label="{normalize-space(text())}"><when item="{$item}" value="{@id}"/></row>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template match="levels">
    <xsl:variable name="values" select="concat(' ', @values, ' ')"/>
    <xsl:variable name="areas" select="concat(' ', $d/index[@id = current()/@index]/@areas, ' ')"/>
    <xsl:if test="normalize-space($areas) = ''"><xsl:message terminate="yes">rapport.xsl: no index areas</xsl:message></xsl:if>
    <section id="{@id}" title="{@title}" chart="stacked" partition="yes">
      <xsl:for-each select="$d//item[@type = 'level' and contains($areas, concat(' ', @id, ' '))]">
        <xsl:variable name="area" select="@id"/>
        <xsl:variable name="alabel" select="label"/>
        <xsl:for-each select="option[contains($values, concat(' ', @id, ' '))]">
          <row id="{$area}.{@id}" label="{normalize-space(text())}" group="{$area}" grouplabel="{$alabel}" colour="{@id}"><when item="{$area}" value="{@id}"/></row>
        </xsl:for-each>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template match="services">
    <section id="{@id}" title="{@title}" kind="services">
      <xsl:for-each select="$d//item[@type = 'service']">
        <service id="{@id}" label="{label}" group="{../@id}" grouplabel="{../heading}"/>
      </xsl:for-each>
    </section>
  </xsl:template>
</xsl:stylesheet>
