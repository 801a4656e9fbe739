<?xml version="1.0" encoding="UTF-8"?>
<!-- rapport-pdf.xsl: the report as the blocks of a PDF (report_pdf.c draws them through
     pdf.h): <pdf><h1/> <p/> <h/> <svg/> (the very charts of the page, rapport-charts.xsl)
     <table widths><head><c/></head><r><c/></r></table></pdf>. Same model as rapport.xsl. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- imported, not included: the page's width is the PDF's, so its charts set their own
       geometry, labels in a column beside the bars (rapport-charts.xsl) -->
  <xsl:import href="rapport-charts.xsl"/>
  <xsl:output method="xml" encoding="UTF-8"/>
  <xsl:variable name="chart-w" select="480"/>
  <xsl:variable name="label-w" select="180"/>

  <xsl:template match="/page">
    <pdf>
      <header>Brukerplan – rapport <xsl:value-of select="target/@aar"/>: <xsl:value-of select="target/@navn"/></header>
      <h1>Rapport <xsl:value-of select="target/@aar"/>: <xsl:value-of select="target/@navn"/></h1>
      <p>Tallene er hentet fra de pseudonymiserte kartleggingene i registeret. Andelene er av de kartlagte brukerne i hver kolonne. For å verne enkeltpersoner vises ikke tall under 5, og heller ikke et tall som ellers kunne regnes ut fra de andre: slike celler er merket med kolon «:», uansett hvor stort tallet er. «Ingen data» betyr at ingen er kartlagt i kolonnen. Forventet behov for en tjeneste neste år er de som skal fortsette med tjenesten pluss de som anbefales den som ny tjeneste.</p>
      <p>Tegnforklaring: «:» Vises ikke av personvernhensyn.</p>
      <xsl:for-each select="report/columns/column">
        <p><xsl:value-of select="@name"/>: <xsl:choose><xsl:when test="@nodata">Ingen data</xsl:when><xsl:otherwise><xsl:value-of select="@n"/> kartlagte brukere</xsl:otherwise></xsl:choose></p>
      </xsl:for-each>
      <xsl:apply-templates select="report/section"/>
    </pdf>
  </xsl:template>

  <xsl:template match="section">
    <h><xsl:value-of select="@title"/></h>
    <xsl:if test="@text"><p><xsl:value-of select="@text"/></p></xsl:if>
    <xsl:choose>
      <xsl:when test="@nodata or (@chart = 'services' and not(row/v[@col = 's']))"><p>Ingen data</p></xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="body"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="section" mode="body">
    <xsl:if test="base/v">
      <p><xsl:value-of select="base/@label"/>: <xsl:for-each select="base/v"><xsl:variable name="c" select="@col"/><xsl:if test="position() &gt; 1">; </xsl:if><xsl:value-of select="/page/report/columns/column[@id = $c]/@name"/>: <xsl:value-of select="@n"/></xsl:for-each>.</p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@chart = 'bar'"><xsl:call-template name="bar-chart"><xsl:with-param name="sec" select="."/></xsl:call-template></xsl:when>
      <xsl:when test="@chart = 'stacked'"><xsl:call-template name="stacked-chart"><xsl:with-param name="sec" select="."/></xsl:call-template></xsl:when>
      <xsl:when test="@chart = 'services'">
        <xsl:variable name="sec" select="."/>
        <xsl:variable name="max"><xsl:call-template name="services-max"><xsl:with-param name="sec" select="."/></xsl:call-template></xsl:variable>
        <xsl:for-each select="row[not(@group = preceding-sibling::row/@group)]">
          <p><xsl:value-of select="@grouplabel"/></p>
          <xsl:call-template name="services-chart"><xsl:with-param name="sec" select="$sec"/><xsl:with-param name="rows" select="$sec/row[@group = current()/@group]"/><xsl:with-param name="max" select="$max"/></xsl:call-template>
        </xsl:for-each>
      </xsl:when>
    </xsl:choose>
    <xsl:apply-templates select="." mode="table"/>
    <xsl:if test=".//v[@n = ':']"><p>«:» Vises ikke av personvernhensyn</p></xsl:if>
  </xsl:template>

  <xsl:template match="section" mode="table">
    <xsl:variable name="cols" select="/page/report/columns/column[not(@nodata)]"/>
    <table>
      <xsl:attribute name="widths">0.36<xsl:for-each select="$cols"><xsl:text> </xsl:text><xsl:value-of select="0.64 div count($cols)"/></xsl:for-each></xsl:attribute>
      <head><c/><xsl:for-each select="$cols"><c><xsl:value-of select="@name"/></c></xsl:for-each></head>
      <xsl:for-each select="row">
        <xsl:variable name="row" select="."/>
        <r>
          <c><xsl:if test="@grouplabel"><xsl:value-of select="@grouplabel"/>: </xsl:if><xsl:value-of select="@label"/></c>
          <xsl:for-each select="$cols">
            <xsl:variable name="v" select="$row/v[@col = current()/@id]"/>
            <c><xsl:value-of select="$v/@n"/><xsl:if test="$v/@pct"> (<xsl:value-of select="translate($v/@pct, '.', ',')"/> %)</xsl:if></c>
          </xsl:for-each>
        </r>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="section[@chart = 'services']" mode="table">
    <table widths="0.4 0.15 0.15 0.15 0.15">
      <head><c>Tjeneste</c><c>Hatt siste år</c><c>Skal fortsette</c><c>Anbefalt som ny</c><c>Forventet behov</c></head>
      <xsl:for-each select="row">
        <r><c><xsl:value-of select="@grouplabel"/>: <xsl:value-of select="@label"/></c><c><xsl:value-of select="v[@col = 's' and @m = 'hatt']/@n"/></c><c><xsl:value-of select="v[@col = 's' and @m = 'fortsette']/@n"/></c><c><xsl:value-of select="v[@col = 's' and @m = 'ny']/@n"/></c><c><xsl:value-of select="v[@col = 's' and @m = 'behov']/@n"/></c></r>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template match="section[@chart = 'follow']" mode="table">
    <xsl:variable name="groups" select="row"/>
    <table widths="0.2 0.16 0.16 0.16 0.16 0.16">
      <head><c>I fjor</c><xsl:for-each select="$groups"><c>I år: <xsl:value-of select="@label"/></c></xsl:for-each><c>Sum</c></head>
      <xsl:for-each select="row">
        <xsl:variable name="row" select="."/>
        <r><c><xsl:value-of select="@label"/></c><xsl:for-each select="$groups"><c><xsl:value-of select="$row/v[@m = current()/@id]/@n"/></c></xsl:for-each><c><xsl:value-of select="v[@m = 'total']/@n"/></c></r>
      </xsl:for-each>
    </table>
  </xsl:template>
</xsl:stylesheet>
