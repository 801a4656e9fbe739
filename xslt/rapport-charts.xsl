<?xml version="1.0" encoding="UTF-8"?>
<!-- rapport-charts.xsl: the report's charts as SVG, drawn from the aggregate (report.h's
     <report>): horizontal bars per row and column (share of the column's persons), stacked
     bars of green / yellow / red for the levekår areas, bars of had-it and expected demand
     for the services. Included by rapport.xsl (inline in the page) and rapport-pdf.xsl
     (the same shapes drawn by cairo), so the PDF has the same charts. Only rect, line and
     text, with presentation attributes: cgi-bin/rapport.c draws exactly these into the PDF.
     A hidden cell has no bar, only its mark (":"), as in the table; a column with nobody
     (nodata) is not drawn. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="chart-w" select="660"/>
  <xsl:variable name="label-w" select="250"/>
  <xsl:variable name="bar-w" select="330"/>

  <!-- a share as the table writes it: 41,7 % -->
  <xsl:template name="pct">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="$v/@pct"><xsl:value-of select="translate($v/@pct, '.', ',')"/> %</xsl:when>
      <xsl:otherwise><xsl:value-of select="$v/@n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="col-colour">
    <xsl:param name="col"/>
    <xsl:choose>
      <xsl:when test="$col = 's'">#1f5f99</xsl:when>
      <xsl:when test="$col = 'r'">#6b8fbf</xsl:when>
      <xsl:when test="$col = 'l'">#8a8a8a</xsl:when>
      <xsl:otherwise>#b5651d</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="level-colour">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="$c = 'gronn'">#2e7d32</xsl:when>
      <xsl:when test="$c = 'gul'">#e0b000</xsl:when>
      <xsl:when test="$c = 'rod'">#c62828</xsl:when>
      <xsl:otherwise>#8a8a8a</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the legend: one swatch per column of the report -->
  <xsl:template name="legend">
    <xsl:param name="cols"/>
    <xsl:for-each select="$cols">
      <xsl:variable name="x" select="$label-w + (position() - 1) * 105"/>
      <rect x="{$x}" y="6" width="10" height="10">
        <xsl:attribute name="fill"><xsl:call-template name="col-colour"><xsl:with-param name="col" select="@id"/></xsl:call-template></xsl:attribute>
      </rect>
      <text x="{$x + 14}" y="15" font-size="11" text-anchor="start" fill="#222222"><xsl:value-of select="@name"/></text>
    </xsl:for-each>
  </xsl:template>

  <!-- bars: a group per row (not the sums), a bar per column -->
  <xsl:template name="bar-chart">
    <xsl:param name="sec"/>
    <xsl:variable name="cols" select="/page/report/columns/column[not(@nodata)]"/>
    <xsl:variable name="nc" select="count($cols)"/>
    <xsl:variable name="rows" select="$sec/row[not(@sum)]"/>
    <xsl:variable name="gh" select="$nc * 13 + 12"/>
    <xsl:variable name="h" select="count($rows) * $gh + 34"/>
    <svg width="{$chart-w}" height="{$h}" viewBox="0 0 {$chart-w} {$h}" role="img" aria-labelledby="t-{$sec/@id}" class="chart">
      <title id="t-{$sec/@id}">Søylediagram: <xsl:value-of select="$sec/@title"/>, andel av de kartlagte. Tallene står i tabellen under.</title>
      <xsl:call-template name="legend"><xsl:with-param name="cols" select="$cols"/></xsl:call-template>
      <line x1="{$label-w}" y1="26" x2="{$label-w}" y2="{$h - 2}" stroke="#444444"/>
      <xsl:for-each select="$rows">
        <xsl:variable name="y0" select="28 + (position() - 1) * $gh"/>
        <text x="{$label-w - 6}" y="{$y0 + $gh div 2 + 2}" font-size="11" text-anchor="end" fill="#222222"><xsl:value-of select="substring(@label, 1, 42)"/><xsl:if test="string-length(@label) &gt; 42">…</xsl:if></text>
        <xsl:variable name="row" select="."/>
        <xsl:for-each select="$cols">
          <xsl:variable name="col" select="@id"/>
          <xsl:variable name="v" select="$row/v[@col = $col]"/>
          <xsl:variable name="y" select="$y0 + 4 + (position() - 1) * 13"/>
          <xsl:variable name="w" select="round(number(concat('0', $v/@pct)) * $bar-w div 100)"/>
          <xsl:if test="$v/@pct">
            <rect x="{$label-w}" y="{$y}" width="{$w}" height="11" class="bar">
              <xsl:attribute name="fill"><xsl:call-template name="col-colour"><xsl:with-param name="col" select="$col"/></xsl:call-template></xsl:attribute>
            </rect>
          </xsl:if>
          <text x="{$label-w + $w + 4}" y="{$y + 9}" font-size="10" text-anchor="start" fill="#222222"><xsl:call-template name="pct"><xsl:with-param name="v" select="$v"/></xsl:call-template></text>
        </xsl:for-each>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- stacked bars: per group (area), a 100 % bar per column (named at its end) split by
       colour; what the hidden cells hold is grey -->
  <xsl:template name="stacked-chart">
    <xsl:param name="sec"/>
    <xsl:variable name="cols" select="/page/report/columns/column[not(@nodata)]"/>
    <xsl:variable name="nc" select="count($cols)"/>
    <xsl:variable name="groups" select="$sec/row[not(@group = preceding-sibling::row/@group)]"/>
    <xsl:variable name="gh" select="$nc * 13 + 12"/>
    <xsl:variable name="h" select="count($groups) * $gh + 52"/>
    <svg width="{$chart-w}" height="{$h}" viewBox="0 0 {$chart-w} {$h}" role="img" aria-labelledby="t-{$sec/@id}" class="chart">
      <title id="t-{$sec/@id}">Stablet søylediagram: <xsl:value-of select="$sec/@title"/>, andel grønn, gul og rød per område. Tallene står i tabellen under.</title>
      <xsl:for-each select="$sec/row[@group = $groups[1]/@group]">
        <xsl:variable name="x" select="$label-w + (position() - 1) * 70"/>
        <rect x="{$x}" y="14" width="10" height="10">
          <xsl:attribute name="fill"><xsl:call-template name="level-colour"><xsl:with-param name="c" select="@colour"/></xsl:call-template></xsl:attribute>
        </rect>
        <text x="{$x + 14}" y="23" font-size="11" text-anchor="start" fill="#222222"><xsl:value-of select="@label"/></text>
      </xsl:for-each>
      <rect x="{$label-w + 210}" y="14" width="10" height="10" fill="#cccccc"/>
      <text x="{$label-w + 224}" y="23" font-size="11" text-anchor="start" fill="#222222">Vises ikke (:)</text>
      <xsl:for-each select="$groups">
        <xsl:variable name="g" select="@group"/>
        <xsl:variable name="y0" select="44 + (position() - 1) * $gh"/>
        <text x="{$label-w - 6}" y="{$y0 + $gh div 2 + 2}" font-size="11" text-anchor="end" fill="#222222"><xsl:value-of select="@grouplabel"/></text>
        <xsl:for-each select="$cols">
          <xsl:variable name="col" select="@id"/>
          <xsl:variable name="y" select="$y0 + 4 + (position() - 1) * 13"/>
          <rect x="{$label-w}" y="{$y}" width="{$bar-w}" height="11" fill="#cccccc"/>
          <xsl:call-template name="segments">
            <xsl:with-param name="parts" select="$sec/row[@group = $g]"/>
            <xsl:with-param name="col" select="$col"/>
            <xsl:with-param name="y" select="$y"/>
            <xsl:with-param name="x" select="$label-w"/>
          </xsl:call-template>
          <text x="{$label-w + $bar-w + 4}" y="{$y + 9}" font-size="9" text-anchor="start" fill="#222222"><xsl:value-of select="@name"/></text>
        </xsl:for-each>
      </xsl:for-each>
    </svg>
  </xsl:template>

  <!-- the shown parts of one stacked bar, left to right -->
  <xsl:template name="segments">
    <xsl:param name="parts"/>
    <xsl:param name="col"/>
    <xsl:param name="y"/>
    <xsl:param name="x"/>
    <xsl:if test="$parts">
      <xsl:variable name="v" select="$parts[1]/v[@col = $col]"/>
      <xsl:variable name="w" select="round(number(concat('0', $v/@pct)) * $bar-w div 100)"/>
      <xsl:if test="$v/@pct and $w &gt; 0">
        <rect x="{$x}" y="{$y}" width="{$w}" height="11">
          <xsl:attribute name="fill"><xsl:call-template name="level-colour"><xsl:with-param name="c" select="$parts[1]/@colour"/></xsl:call-template></xsl:attribute>
        </rect>
      </xsl:if>
      <xsl:call-template name="segments">
        <xsl:with-param name="parts" select="$parts[position() &gt; 1]"/>
        <xsl:with-param name="col" select="$col"/>
        <xsl:with-param name="y" select="$y"/>
        <xsl:with-param name="x" select="$x + $w"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- services: had it last year and expected demand next year, in persons; one chart
       per group of services (rows), all on the scale of the largest of the section -->
  <xsl:template name="services-chart">
    <xsl:param name="sec"/>
    <xsl:param name="rows" select="$sec/row"/>
    <xsl:variable name="max">
      <xsl:for-each select="$sec/row/v[@col = 's' and (@m = 'hatt' or @m = 'behov')][number(@n) = number(@n)]">
        <xsl:sort select="@n" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@n"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="scale" select="$bar-w div (number(concat('0', $max)) + 1)"/>
    <xsl:variable name="gh" select="30"/>
    <xsl:variable name="h" select="count($rows) * $gh + 34"/>
    <svg width="{$chart-w}" height="{$h}" viewBox="0 0 {$chart-w} {$h}" role="img" aria-labelledby="t-{$sec/@id}-{$rows[1]/@group}" class="chart">
      <title id="t-{$sec/@id}-{$rows[1]/@group}">Søylediagram: <xsl:value-of select="$rows[1]/@grouplabel"/>, antall personer som hadde tjenesten siste år og forventet behov neste år. Tallene står i tabellen under.</title>
      <rect x="{$label-w}" y="6" width="10" height="10" fill="#8a8a8a"/>
      <text x="{$label-w + 14}" y="15" font-size="11" text-anchor="start" fill="#222222">Hatt siste år</text>
      <rect x="{$label-w + 120}" y="6" width="10" height="10" fill="#1f5f99"/>
      <text x="{$label-w + 134}" y="15" font-size="11" text-anchor="start" fill="#222222">Forventet behov neste år</text>
      <line x1="{$label-w}" y1="26" x2="{$label-w}" y2="{$h - 2}" stroke="#444444"/>
      <xsl:for-each select="$rows">
        <xsl:variable name="y0" select="28 + (position() - 1) * $gh"/>
        <text x="{$label-w - 6}" y="{$y0 + 17}" font-size="10" text-anchor="end" fill="#222222"><xsl:value-of select="substring(@label, 1, 46)"/><xsl:if test="string-length(@label) &gt; 46">…</xsl:if></text>
        <xsl:for-each select="v[@col = 's' and (@m = 'hatt' or @m = 'behov')]">
          <xsl:variable name="y" select="$y0 + 3 + (position() - 1) * 12"/>
          <xsl:variable name="shown" select="number(@n) = number(@n)"/>
          <xsl:variable name="w"><xsl:choose><xsl:when test="$shown"><xsl:value-of select="round(@n * $scale)"/></xsl:when><xsl:otherwise>0</xsl:otherwise></xsl:choose></xsl:variable>
          <xsl:if test="$shown">
            <rect x="{$label-w}" y="{$y}" width="{$w}" height="10">
              <xsl:attribute name="fill"><xsl:choose><xsl:when test="@m = 'hatt'">#8a8a8a</xsl:when><xsl:otherwise>#1f5f99</xsl:otherwise></xsl:choose></xsl:attribute>
            </rect>
          </xsl:if>
          <text x="{$label-w + $w + 4}" y="{$y + 9}" font-size="10" text-anchor="start" fill="#222222"><xsl:value-of select="@n"/></text>
        </xsl:for-each>
      </xsl:for-each>
    </svg>
  </xsl:template>
</xsl:stylesheet>
