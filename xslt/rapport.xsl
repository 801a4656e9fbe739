<?xml version="1.0" encoding="UTF-8"?>
<!-- rapport.xsl: the Kommunerapport (and the bydel's, region's and country's). Model:
     <regions> and <kommuner> (refdata_page: the reports one may open, with
     <target role>), <target omrade navn aar role/>, and report.h's <report> with a name on each <column>.
     Each section: a chart (rapport-charts.xsl) and, beside it, its data table. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="select.xsl"/>
  <xsl:include href="rapport-charts.xsl"/>

  <xsl:template match="page" mode="title">Rapport <xsl:value-of select="target/@aar"/>: <xsl:value-of select="target/@navn"/></xsl:template>

  <xsl:template match="page" mode="main">
    <form method="get" action="{@cgi}/rapport" class="narrow noprint" aria-label="Velg rapport">
      <xsl:call-template name="select">
        <xsl:with-param name="name">omrade</xsl:with-param>
        <xsl:with-param name="label">Område</xsl:with-param>
        <xsl:with-param name="options">
          <xsl:variable name="sel" select="target/@omrade"/>
          <xsl:if test="target/@role = 'korfor'">
            <option value="land"><xsl:if test="$sel = 'land'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Hele landet</option>
          </xsl:if>
          <xsl:if test="target/@role = 'korfor' or target/@role = 'korus'">
            <xsl:for-each select="regions/region">
              <option value="r-{@id}"><xsl:if test="$sel = concat('r-', @id)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
            </xsl:for-each>
          </xsl:if>
          <xsl:for-each select="kommuner/kommune">
            <option value="k-{@nr}"><xsl:if test="$sel = concat('k-', @nr)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@nr"/><xsl:text> </xsl:text><xsl:value-of select="@name"/></option>
            <xsl:variable name="k" select="@name"/>
            <xsl:for-each select="bydel">
              <option value="b-{@nr}"><xsl:if test="$sel = concat('b-', @nr)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="$k"/>, bydel <xsl:value-of select="@name"/></option>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <div class="field">
        <label for="f-aar">År</label>
        <input id="f-aar" name="aar" type="number" min="2000" max="9999" value="{target/@aar}" inputmode="numeric"/>
      </div>
      <button type="submit">Vis rapport</button>
    </form>
    <p class="noprint">Last ned: <a href="{@cgi}/rapport?omrade={target/@omrade}&amp;aar={target/@aar}&amp;format=pdf">PDF</a>, <a href="{@cgi}/rapport?omrade={target/@omrade}&amp;aar={target/@aar}&amp;format=csv">CSV med alle tabellene</a>.</p>
    <xsl:apply-templates select="report"/>
  </xsl:template>

  <xsl:template match="report">
    <section aria-labelledby="h-om" class="card">
      <h2 id="h-om">Om rapporten</h2>
      <p><xsl:call-template name="intro"/></p>
      <dl class="facts report-facts">
        <xsl:for-each select="columns/column">
          <dt><xsl:value-of select="@name"/></dt>
          <dd><xsl:choose><xsl:when test="@nodata">Ingen data</xsl:when><xsl:otherwise><xsl:value-of select="@n"/> kartlagte brukere</xsl:otherwise></xsl:choose></dd>
        </xsl:for-each>
      </dl>
      <xsl:if test="columns/column[@id = 's']/@n = ':'">
        <p role="status"><strong>Færre enn 5 kartlagte brukere: ingen tall vises for <xsl:value-of select="/page/target/@navn"/>.</strong></p>
      </xsl:if>
      <xsl:if test="columns/column[@id = 's']/@nodata">
        <p role="status"><strong>Ingen data: ingen kartlagte brukere i registeret for <xsl:value-of select="/page/target/@navn"/> i <xsl:value-of select="@aar"/>.</strong></p>
      </xsl:if>
      <xsl:call-template name="legend-text"/>
    </section>
    <xsl:apply-templates select="section"/>
  </xsl:template>

  <!-- the legend of the marks, under "Om rapporten" and under each table that has one -->
  <xsl:template name="legend-text">
    <p class="legend"><span class="mark">:</span> Vises ikke av personvernhensyn</p>
  </xsl:template>

  <xsl:template name="intro">Tallene er hentet fra de pseudonymiserte kartleggingene i registeret. Andelene er av de kartlagte brukerne i hver kolonne. For å verne enkeltpersoner vises ikke tall under 5, og heller ikke et tall som ellers kunne regnes ut fra de andre: slike celler er merket med kolon «:», uansett hvor stort tallet er. «Ingen data» betyr at ingen er kartlagt i kolonnen. Forventet behov for en tjeneste neste år er de som skal fortsette med tjenesten pluss de som anbefales den som ny tjeneste. Kolonnen for i fjor er samme område året før; personer kartlagt begge år følges med pseudonym.</xsl:template>

  <xsl:template match="section">
    <section aria-labelledby="h-{@id}" class="report-section">
      <h2 id="h-{@id}"><xsl:value-of select="@title"/></h2>
      <xsl:if test="@text"><p><xsl:value-of select="@text"/></p></xsl:if>
      <xsl:choose>
        <xsl:when test="@nodata or (@chart = 'services' and not(row/v[@col = 's']))"><p class="nodata">Ingen data</p></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="body"/></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="section" mode="body">
      <xsl:if test="base/v">
        <p><xsl:value-of select="base/@label"/>: <xsl:for-each select="base/v"><xsl:variable name="c" select="@col"/><xsl:if test="position() &gt; 1">; </xsl:if><xsl:value-of select="/page/report/columns/column[@id = $c]/@name"/>: <xsl:value-of select="@n"/></xsl:for-each>.</p>
      </xsl:if>
      <div class="chart-table">
        <xsl:choose>
          <xsl:when test="@chart = 'bar'"><figure><xsl:call-template name="bar-chart"><xsl:with-param name="sec" select="."/></xsl:call-template></figure></xsl:when>
          <xsl:when test="@chart = 'stacked'"><figure><xsl:call-template name="stacked-chart"><xsl:with-param name="sec" select="."/></xsl:call-template></figure></xsl:when>
          <xsl:when test="@chart = 'services'">
            <xsl:variable name="sec" select="."/>
            <xsl:variable name="max"><xsl:call-template name="services-max"><xsl:with-param name="sec" select="."/></xsl:call-template></xsl:variable>
            <xsl:for-each select="row[not(@group = preceding-sibling::row/@group)]">
              <figure><xsl:call-template name="services-chart"><xsl:with-param name="sec" select="$sec"/><xsl:with-param name="rows" select="$sec/row[@group = current()/@group]"/><xsl:with-param name="max" select="$max"/></xsl:call-template></figure>
            </xsl:for-each>
          </xsl:when>
        </xsl:choose>
        <div class="table-scroll" role="region" tabindex="0" aria-label="Tabell: {@title}"><xsl:apply-templates select="." mode="table"/></div>
      </div>
      <xsl:if test=".//v[@n = ':']"><xsl:call-template name="legend-text"/></xsl:if>
  </xsl:template>

  <!-- bar and stacked sections: a row per figure, count and share per column -->
  <xsl:template match="section" mode="table">
    <xsl:variable name="cols" select="/page/report/columns/column[not(@nodata)]"/>
    <table class="data report" id="tab-{@id}">
      <caption class="visually-hidden">Tabell: <xsl:value-of select="@title"/></caption>
      <thead>
        <tr>
          <th scope="col"><xsl:if test="row/@group">Område og farge</xsl:if></th>
          <xsl:for-each select="$cols">
            <th scope="col" class="num"><xsl:value-of select="@name"/> antall</th>
            <th scope="col" class="num"><xsl:value-of select="@name"/> andel</th>
          </xsl:for-each>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="row">
          <xsl:variable name="row" select="."/>
          <tr>
            <th scope="row"><xsl:if test="@grouplabel"><xsl:value-of select="@grouplabel"/>: </xsl:if><xsl:value-of select="@label"/></th>
            <xsl:for-each select="$cols">
              <xsl:variable name="v" select="$row/v[@col = current()/@id]"/>
              <td class="num"><xsl:value-of select="$v/@n"/></td>
              <td class="num"><xsl:if test="$v/@pct"><xsl:value-of select="translate($v/@pct, '.', ',')"/> %</xsl:if></td>
            </xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="section[@chart = 'services']" mode="table">
    <table class="data report" id="tab-{@id}">
      <caption class="visually-hidden">Tabell: tjenester, antall personer</caption>
      <thead>
        <tr><th scope="col">Tjeneste</th><th scope="col" class="num">Hatt siste år</th><th scope="col" class="num">Skal fortsette</th><th scope="col" class="num">Anbefalt som ny</th><th scope="col" class="num">Forventet behov neste år</th><xsl:if test="row/v[@col = 'l']"><th scope="col" class="num">Forventet behov, hele landet</th></xsl:if></tr>
      </thead>
      <tbody>
        <xsl:for-each select="row">
          <tr>
            <th scope="row"><xsl:value-of select="@grouplabel"/>: <xsl:value-of select="@label"/></th>
            <td class="num"><xsl:value-of select="v[@col = 's' and @m = 'hatt']/@n"/></td>
            <td class="num"><xsl:value-of select="v[@col = 's' and @m = 'fortsette']/@n"/></td>
            <td class="num"><xsl:value-of select="v[@col = 's' and @m = 'ny']/@n"/></td>
            <td class="num"><xsl:value-of select="v[@col = 's' and @m = 'behov']/@n"/></td>
            <xsl:if test="v[@col = 'l']"><td class="num"><xsl:value-of select="v[@col = 'l' and @m = 'behov']/@n"/></td></xsl:if>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="section[@chart = 'follow']" mode="table">
    <xsl:variable name="groups" select="row"/>
    <table class="data report" id="tab-{@id}">
      <caption class="visually-hidden">Tabell: levekårsindeks i fjor (rader) og i år (kolonner) for personer kartlagt begge år</caption>
      <thead>
        <tr><th scope="col">I fjor</th><xsl:for-each select="$groups"><th scope="col" class="num">I år: <xsl:value-of select="@label"/></th></xsl:for-each><th scope="col" class="num">Sum</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="row">
          <xsl:variable name="row" select="."/>
          <tr>
            <th scope="row"><xsl:value-of select="@label"/></th>
            <xsl:for-each select="$groups"><td class="num"><xsl:value-of select="$row/v[@m = current()/@id]/@n"/></td></xsl:for-each>
            <td class="num"><xsl:value-of select="v[@m = 'total']/@n"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
