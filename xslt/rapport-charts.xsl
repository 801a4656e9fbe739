<?xml version="1.0" encoding="UTF-8"?>
<!-- rapport-charts.xsl: the report's charts as SVG, drawn from the aggregate (report.h's
     <report>): horizontal bars per row and column (share of the column's persons), stacked
     bars of green / yellow / red for the levekår areas, bars of had-it and expected demand
     for the services. Included by rapport.xsl (inline in the page) and rapport-pdf.xsl
     (the same shapes drawn by cairo), so the PDF has the same charts. Only rect, line and
     text, with presentation attributes: report_pdf.c draws exactly these into the PDF.
     A hidden cell has no bar, only its mark (":"), as in the table; a column with nobody
     (nodata) is not drawn.

     Laid out for a narrow screen (issue 17 §15): $chart-w units wide, so that at 320 px
     the text is scaled by about 0.85 and stays readable. Everything stacks downwards and
     nothing sits beside anything it could run into: the legend first, one entry a line;
     then per row its label, wrapped onto as many lines as it takes (split at spaces to
     $label-chars characters, a width measured as $char-em of the font size a character,
     generous for DejaVu Sans), then its bars one under another, each with its value after
     its end. The chart's height is computed from the wrapped labels.

     The PDF (rapport-pdf.xsl imports this and sets $chart-w and $label-w) has the width
     of a page: there the labels stand in a column of their own, $label-w wide, beside
     their bars, and a row is as tall as the taller of the two. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:variable name="chart-w" select="320"/>
  <xsl:variable name="label-w" select="0"/>	<!-- 0: labels above their bars -->
  <xsl:variable name="bar-x" select="2 + $label-w"/>
  <xsl:variable name="bar-w" select="$chart-w - $bar-x - 62"/>	<!-- the rest: the value -->
  <xsl:variable name="char-em" select="0.62"/>
  <xsl:variable name="label-fs" select="13"/>
  <xsl:variable name="label-lh" select="16"/>
  <xsl:variable name="label-chars" select="floor((($label-w = 0) * $chart-w + $label-w - 6) div ($char-em * $label-fs))"/>
  <xsl:variable name="small-fs" select="12"/>	<!-- legends, values, column names -->
  <xsl:variable name="small-chars" select="floor(($chart-w - 20) div ($char-em * $small-fs))"/>
  <xsl:variable name="pitch" select="17"/>	<!-- a bar (12) and its gap; a legend line -->
  <xsl:variable name="row-gap" select="8"/>
  <xsl:variable name="nl" select="'&#10;'"/>

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

  <!-- text wrapped at spaces into lines of at most max characters, the lines joined by
       newlines; a word longer than a line is cut -->
  <xsl:template name="wrap">
    <xsl:param name="text"/>
    <xsl:param name="max"/>
    <xsl:param name="line" select="''"/>
    <xsl:variable name="rest" select="normalize-space($text)"/>
    <xsl:variable name="word" select="substring-before(concat($rest, ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="$line = '' and string-length($rest) &lt;= $max"><xsl:value-of select="$rest"/></xsl:when>
      <xsl:when test="$rest = ''"><xsl:value-of select="$line"/></xsl:when>
      <xsl:when test="$line = '' and string-length($word) &gt; $max">
        <xsl:value-of select="concat(substring($word, 1, $max), $nl)"/>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="concat(substring($word, $max + 1), ' ', substring-after($rest, ' '))"/>
          <xsl:with-param name="max" select="$max"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$line = ''">
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="substring-after($rest, ' ')"/>
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="line" select="$word"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($line) + 1 + string-length($word) &lt;= $max">
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="substring-after($rest, ' ')"/>
          <xsl:with-param name="max" select="$max"/>
          <xsl:with-param name="line" select="concat($line, ' ', $word)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($line, $nl)"/>
        <xsl:call-template name="wrap">
          <xsl:with-param name="text" select="$rest"/>
          <xsl:with-param name="max" select="$max"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the lines of wrapped text: a <text> each, the first baseline at y -->
  <xsl:template name="text-lines">
    <xsl:param name="s"/>
    <xsl:param name="x"/>
    <xsl:param name="y"/>
    <xsl:param name="fs" select="$label-fs"/>
    <xsl:param name="lh" select="$label-lh"/>
    <xsl:param name="class" select="'label'"/>
    <xsl:variable name="first"><xsl:choose><xsl:when test="contains($s, $nl)"><xsl:value-of select="substring-before($s, $nl)"/></xsl:when><xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise></xsl:choose></xsl:variable>
    <text x="{$x}" y="{$y}" font-size="{$fs}" text-anchor="start" fill="#222222" class="{$class}"><xsl:value-of select="$first"/></text>
    <xsl:if test="contains($s, $nl)">
      <xsl:call-template name="text-lines">
        <xsl:with-param name="s" select="substring-after($s, $nl)"/>
        <xsl:with-param name="x" select="$x"/>
        <xsl:with-param name="y" select="$y + $lh"/>
        <xsl:with-param name="fs" select="$fs"/>
        <xsl:with-param name="lh" select="$lh"/>
        <xsl:with-param name="class" select="$class"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A row's height (the expression $h in the templates below): its label's lines above
       its bars (narrow), or the taller of the two side by side (wide), and a gap. -->

  <!-- the height of the rows of nodes, each with bars-h of bars and its label wrapped (the
       row's label, or for the stacked chart's areas their grouplabel) -->
  <xsl:template name="rows-height">
    <xsl:param name="nodes"/>
    <xsl:param name="bars-h"/>
    <xsl:param name="group" select="false()"/>
    <xsl:choose>
      <xsl:when test="not($nodes)">0</xsl:when>
      <xsl:otherwise>
        <xsl:variable name="s">
          <xsl:call-template name="wrap">
            <xsl:with-param name="text"><xsl:choose><xsl:when test="$group"><xsl:value-of select="$nodes[1]/@grouplabel"/></xsl:when><xsl:otherwise><xsl:value-of select="$nodes[1]/@label"/></xsl:otherwise></xsl:choose></xsl:with-param>
            <xsl:with-param name="max" select="$label-chars"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="rest">
          <xsl:call-template name="rows-height">
            <xsl:with-param name="nodes" select="$nodes[position() &gt; 1]"/>
            <xsl:with-param name="bars-h" select="$bars-h"/>
            <xsl:with-param name="group" select="$group"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="lines" select="string-length($s) - string-length(translate($s, $nl, '')) + 1"/>
        <xsl:variable name="h" select="$row-gap + ($label-w = 0) * ($lines * $label-lh + $bars-h) + ($label-w != 0) * (($lines * $label-lh &gt; $bars-h) * $lines * $label-lh + ($lines * $label-lh &lt;= $bars-h) * $bars-h)"/>
        <xsl:value-of select="$h + $rest"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a legend entry at line i (from 0) of the legend: a swatch and its text, cut to a
       line -->
  <xsl:template name="legend-entry">
    <xsl:param name="i"/>
    <xsl:param name="fill"/>
    <xsl:param name="text"/>
    <rect x="2" y="{$i * $pitch + 2}" width="12" height="12" fill="{$fill}"/>
    <text x="20" y="{$i * $pitch + 12}" font-size="{$small-fs}" text-anchor="start" fill="#222222" class="legend"><xsl:value-of select="substring($text, 1, $small-chars)"/><xsl:if test="string-length($text) &gt; $small-chars">…</xsl:if></text>
  </xsl:template>

  <!-- the legend of the columns of the report -->
  <xsl:template name="legend">
    <xsl:param name="cols"/>
    <xsl:for-each select="$cols">
      <xsl:call-template name="legend-entry">
        <xsl:with-param name="i" select="position() - 1"/>
        <xsl:with-param name="fill"><xsl:call-template name="col-colour"><xsl:with-param name="col" select="@id"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="text" select="@name"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <!-- a bar from the left edge at y, w wide, and its value (or mark) after its end -->
  <xsl:template name="bar">
    <xsl:param name="y"/>
    <xsl:param name="w"/>
    <xsl:param name="shown"/>
    <xsl:param name="fill"/>
    <xsl:param name="value"/>
    <xsl:if test="$shown">
      <rect x="{$bar-x}" y="{$y}" width="{$w}" height="12" fill="{$fill}" class="bar"/>
    </xsl:if>
    <text x="{$bar-x + $w + 4}" y="{$y + 10}" font-size="{$small-fs}" text-anchor="start" fill="#222222" class="value"><xsl:value-of select="$value"/></text>
  </xsl:template>

  <!-- the rows of a bar chart from y down, one at a time (each as tall as its label) -->
  <xsl:template name="bar-rows">
    <xsl:param name="rows"/>
    <xsl:param name="cols"/>
    <xsl:param name="y"/>
    <xsl:if test="$rows">
      <xsl:variable name="row" select="$rows[1]"/>
      <xsl:variable name="s"><xsl:call-template name="wrap"><xsl:with-param name="text" select="$row/@label"/><xsl:with-param name="max" select="$label-chars"/></xsl:call-template></xsl:variable>
      <xsl:variable name="lines" select="string-length($s) - string-length(translate($s, $nl, '')) + 1"/>
      <xsl:variable name="h" select="$row-gap + ($label-w = 0) * ($lines * $label-lh + count($cols) * $pitch) + ($label-w != 0) * (($lines * $label-lh &gt; count($cols) * $pitch) * $lines * $label-lh + ($lines * $label-lh &lt;= count($cols) * $pitch) * count($cols) * $pitch)"/>
      <xsl:call-template name="text-lines">
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="x" select="2"/>
        <xsl:with-param name="y" select="$y + 13"/>
      </xsl:call-template>
      <xsl:for-each select="$cols">
        <xsl:variable name="v" select="$row/v[@col = current()/@id]"/>
        <xsl:call-template name="bar">
          <xsl:with-param name="y" select="$y + ($label-w = 0) * $lines * $label-lh + 2 + (position() - 1) * $pitch"/>
          <xsl:with-param name="w" select="round(number(concat('0', $v/@pct)) * $bar-w div 100)"/>
          <xsl:with-param name="shown" select="boolean($v/@pct)"/>
          <xsl:with-param name="fill"><xsl:call-template name="col-colour"><xsl:with-param name="col" select="@id"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="value"><xsl:call-template name="pct"><xsl:with-param name="v" select="$v"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="bar-rows">
        <xsl:with-param name="rows" select="$rows[position() &gt; 1]"/>
        <xsl:with-param name="cols" select="$cols"/>
        <xsl:with-param name="y" select="$y + $h"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- bars: a group per row (not the sums), a bar per column -->
  <xsl:template name="bar-chart">
    <xsl:param name="sec"/>
    <xsl:variable name="cols" select="/page/report/columns/column[not(@nodata)]"/>
    <xsl:variable name="rows" select="$sec/row[not(@sum)]"/>
    <xsl:variable name="top" select="count($cols) * $pitch + $row-gap"/>
    <xsl:variable name="rows-h"><xsl:call-template name="rows-height"><xsl:with-param name="nodes" select="$rows"/><xsl:with-param name="bars-h" select="count($cols) * $pitch"/></xsl:call-template></xsl:variable>
    <xsl:variable name="h" select="$top + $rows-h"/>
    <svg width="{$chart-w}" height="{$h}" viewBox="0 0 {$chart-w} {$h}" role="img" aria-labelledby="t-{$sec/@id}" class="chart">
      <title id="t-{$sec/@id}">Søylediagram: <xsl:value-of select="$sec/@title"/>, andel av de kartlagte. Tallene står i tabellen under.</title>
      <xsl:call-template name="legend"><xsl:with-param name="cols" select="$cols"/></xsl:call-template>
      <xsl:call-template name="bar-rows">
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="cols" select="$cols"/>
        <xsl:with-param name="y" select="$top"/>
      </xsl:call-template>
    </svg>
  </xsl:template>

  <!-- the areas of a stacked chart from y down: the area's label, then per column its name
       and a 100 % bar split by colour; what the hidden cells hold is grey -->
  <xsl:template name="stacked-rows">
    <xsl:param name="sec"/>
    <xsl:param name="groups"/>
    <xsl:param name="cols"/>
    <xsl:param name="y"/>
    <xsl:if test="$groups">
      <xsl:variable name="g" select="$groups[1]/@group"/>
      <xsl:variable name="s"><xsl:call-template name="wrap"><xsl:with-param name="text" select="$groups[1]/@grouplabel"/><xsl:with-param name="max" select="$label-chars"/></xsl:call-template></xsl:variable>
      <xsl:variable name="lines" select="string-length($s) - string-length(translate($s, $nl, '')) + 1"/>
      <xsl:variable name="h" select="$row-gap + ($label-w = 0) * ($lines * $label-lh + count($cols) * 2 * $pitch) + ($label-w != 0) * (($lines * $label-lh &gt; count($cols) * 2 * $pitch) * $lines * $label-lh + ($lines * $label-lh &lt;= count($cols) * 2 * $pitch) * count($cols) * 2 * $pitch)"/>
      <xsl:call-template name="text-lines">
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="x" select="2"/>
        <xsl:with-param name="y" select="$y + 13"/>
      </xsl:call-template>
      <xsl:for-each select="$cols">
        <xsl:variable name="yc" select="$y + ($label-w = 0) * $lines * $label-lh + (position() - 1) * 2 * $pitch"/>
        <text x="{$bar-x}" y="{$yc + 12}" font-size="{$small-fs}" text-anchor="start" fill="#222222" class="name"><xsl:value-of select="substring(@name, 1, $small-chars)"/></text>
        <rect x="{$bar-x}" y="{$yc + $pitch}" width="{$bar-w}" height="12" fill="#cccccc"/>
        <xsl:call-template name="segments">
          <xsl:with-param name="parts" select="$sec/row[@group = $g]"/>
          <xsl:with-param name="col" select="@id"/>
          <xsl:with-param name="y" select="$yc + $pitch"/>
          <xsl:with-param name="x" select="$bar-x"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="stacked-rows">
        <xsl:with-param name="sec" select="$sec"/>
        <xsl:with-param name="groups" select="$groups[position() &gt; 1]"/>
        <xsl:with-param name="cols" select="$cols"/>
        <xsl:with-param name="y" select="$y + $h"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- stacked bars: per group (area), a 100 % bar per column split by colour -->
  <xsl:template name="stacked-chart">
    <xsl:param name="sec"/>
    <xsl:variable name="cols" select="/page/report/columns/column[not(@nodata)]"/>
    <xsl:variable name="groups" select="$sec/row[not(@group = preceding-sibling::row/@group)]"/>
    <xsl:variable name="levels" select="$sec/row[@group = $groups[1]/@group]"/>
    <xsl:variable name="top" select="(count($levels) + 1) * $pitch + $row-gap"/>
    <xsl:variable name="rows-h"><xsl:call-template name="rows-height"><xsl:with-param name="nodes" select="$groups"/><xsl:with-param name="bars-h" select="count($cols) * 2 * $pitch"/><xsl:with-param name="group" select="true()"/></xsl:call-template></xsl:variable>
    <xsl:variable name="h" select="$top + $rows-h"/>
    <svg width="{$chart-w}" height="{$h}" viewBox="0 0 {$chart-w} {$h}" role="img" aria-labelledby="t-{$sec/@id}" class="chart">
      <title id="t-{$sec/@id}">Stablet søylediagram: <xsl:value-of select="$sec/@title"/>, andel grønn, gul og rød per område. Tallene står i tabellen under.</title>
      <xsl:for-each select="$levels">
        <xsl:call-template name="legend-entry">
          <xsl:with-param name="i" select="position() - 1"/>
          <xsl:with-param name="fill"><xsl:call-template name="level-colour"><xsl:with-param name="c" select="@colour"/></xsl:call-template></xsl:with-param>
          <xsl:with-param name="text" select="@label"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="legend-entry">
        <xsl:with-param name="i" select="count($levels)"/>
        <xsl:with-param name="fill">#cccccc</xsl:with-param>
        <xsl:with-param name="text">Vises ikke (:)</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="stacked-rows">
        <xsl:with-param name="sec" select="$sec"/>
        <xsl:with-param name="groups" select="$groups"/>
        <xsl:with-param name="cols" select="$cols"/>
        <xsl:with-param name="y" select="$top"/>
      </xsl:call-template>
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
        <rect x="{$x}" y="{$y}" width="{$w}" height="12" class="bar">
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

  <!-- the services of a services chart from y down: had it and expected demand -->
  <xsl:template name="service-rows">
    <xsl:param name="rows"/>
    <xsl:param name="scale"/>
    <xsl:param name="y"/>
    <xsl:if test="$rows">
      <xsl:variable name="row" select="$rows[1]"/>
      <xsl:variable name="s"><xsl:call-template name="wrap"><xsl:with-param name="text" select="$row/@label"/><xsl:with-param name="max" select="$label-chars"/></xsl:call-template></xsl:variable>
      <xsl:variable name="lines" select="string-length($s) - string-length(translate($s, $nl, '')) + 1"/>
      <xsl:variable name="h" select="$row-gap + ($label-w = 0) * ($lines * $label-lh + 2 * $pitch) + ($label-w != 0) * (($lines * $label-lh &gt; 2 * $pitch) * $lines * $label-lh + ($lines * $label-lh &lt;= 2 * $pitch) * 2 * $pitch)"/>
      <xsl:call-template name="text-lines">
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="x" select="2"/>
        <xsl:with-param name="y" select="$y + 13"/>
      </xsl:call-template>
      <xsl:for-each select="$row/v[@col = 's' and (@m = 'hatt' or @m = 'behov')]">
        <xsl:variable name="shown" select="number(@n) = number(@n)"/>
        <xsl:call-template name="bar">
          <xsl:with-param name="y" select="$y + ($label-w = 0) * $lines * $label-lh + 2 + (position() - 1) * $pitch"/>
          <xsl:with-param name="w"><xsl:choose><xsl:when test="$shown"><xsl:value-of select="round(@n * $scale)"/></xsl:when><xsl:otherwise>0</xsl:otherwise></xsl:choose></xsl:with-param>
          <xsl:with-param name="shown" select="$shown"/>
          <xsl:with-param name="fill"><xsl:choose><xsl:when test="@m = 'hatt'">#8a8a8a</xsl:when><xsl:otherwise>#1f5f99</xsl:otherwise></xsl:choose></xsl:with-param>
          <xsl:with-param name="value" select="@n"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="service-rows">
        <xsl:with-param name="rows" select="$rows[position() &gt; 1]"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="y" select="$y + $h"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- the largest count a services chart of sec shows: its scale -->
  <xsl:template name="services-max">
    <xsl:param name="sec"/>
    <xsl:for-each select="$sec/row/v[@col = 's' and (@m = 'hatt' or @m = 'behov')][number(@n) = number(@n)]">
      <xsl:sort select="@n" data-type="number" order="descending"/>
      <xsl:if test="position() = 1"><xsl:value-of select="@n"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- services: had it last year and expected demand next year, in persons; one chart
       per group of services (rows), all on the scale of the largest of the section (max:
       services-max, which the caller works out once for all the groups) -->
  <xsl:template name="services-chart">
    <xsl:param name="sec"/>
    <xsl:param name="rows" select="$sec/row"/>
    <xsl:param name="max"/>
    <xsl:variable name="scale" select="$bar-w div (number(concat('0', $max)) + 1)"/>
    <xsl:variable name="top" select="2 * $pitch + $row-gap"/>
    <xsl:variable name="rows-h"><xsl:call-template name="rows-height"><xsl:with-param name="nodes" select="$rows"/><xsl:with-param name="bars-h" select="2 * $pitch"/></xsl:call-template></xsl:variable>
    <xsl:variable name="h" select="$top + $rows-h"/>
    <svg width="{$chart-w}" height="{$h}" viewBox="0 0 {$chart-w} {$h}" role="img" aria-labelledby="t-{$sec/@id}-{$rows[1]/@group}" class="chart">
      <title id="t-{$sec/@id}-{$rows[1]/@group}">Søylediagram: <xsl:value-of select="$rows[1]/@grouplabel"/>, antall personer som hadde tjenesten siste år og forventet behov neste år. Tallene står i tabellen under.</title>
      <xsl:call-template name="legend-entry">
        <xsl:with-param name="i" select="0"/>
        <xsl:with-param name="fill">#8a8a8a</xsl:with-param>
        <xsl:with-param name="text">Hatt siste år</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="legend-entry">
        <xsl:with-param name="i" select="1"/>
        <xsl:with-param name="fill">#1f5f99</xsl:with-param>
        <xsl:with-param name="text">Forventet behov neste år</xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="service-rows">
        <xsl:with-param name="rows" select="$rows"/>
        <xsl:with-param name="scale" select="$scale"/>
        <xsl:with-param name="y" select="$top"/>
      </xsl:call-template>
    </svg>
  </xsl:template>
</xsl:stylesheet>
