<?xml version="1.0" encoding="UTF-8"?>
<!-- admin-choose.xsl: KORUS and KORFOR choose the kommune to administer.
     Model: <regions>, <kommuner><kommune nr name region accounts sluttdato overforingsdato
     surveys with-errors overfort transferred/></kommuner>: the year of each kommune with
     accounts, so KORUS and KORFOR see where the year stands. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Administrer kartleggere</xsl:template>

  <xsl:template match="page" mode="main">
    <p>Velg kommunen du vil administrere kartleggere i.<xsl:if test="count(regions/region) = 1"> Listen viser kommunene i <xsl:value-of select="regions/region/@name"/>.</xsl:if></p>
    <form method="get" action="{@cgi}/admin" class="narrow">
      <div class="field">
        <label for="f-kommune">Kommune</label>
        <select id="f-kommune" name="kommune">
          <xsl:for-each select="kommuner/kommune">
            <option value="{@nr}"><xsl:value-of select="@name"/></option>
          </xsl:for-each>
        </select>
      </div>
      <button type="submit">Vis kartleggere</button>
    </form>
    <xsl:if test="kommuner/kommune[@accounts]">
      <h2>Kommuner med brukerkontoer</h2>
      <p>Året <xsl:value-of select="@year"/> i hver kommune: datoene, hvor mange som er kartlagt, hvor mange av dem som har feil (de blir ikke overført), og overføringen til KORFOR.</p>
      <table class="data">
        <thead><tr><th scope="col">Kommune</th><th scope="col">Brukerkontoer</th><th scope="col">Sluttdato</th><th scope="col">Overføringsdato</th><th scope="col">Kartlagt</th><th scope="col">Med feil</th><th scope="col">Overført</th></tr></thead>
        <tbody>
          <xsl:for-each select="kommuner/kommune[@accounts]">
            <tr>
              <td><a href="{/page/@cgi}/admin?kommune={@nr}"><xsl:value-of select="@name"/></a></td>
              <td><xsl:value-of select="@accounts"/></td>
              <td><xsl:choose><xsl:when test="@sluttdato != ''"><xsl:call-template name="dato"><xsl:with-param name="d" select="@sluttdato"/></xsl:call-template></xsl:when><xsl:otherwise>Ikke satt</xsl:otherwise></xsl:choose></td>
              <td><xsl:choose><xsl:when test="@overforingsdato != ''"><xsl:call-template name="dato"><xsl:with-param name="d" select="@overforingsdato"/></xsl:call-template></xsl:when><xsl:otherwise>Ikke satt</xsl:otherwise></xsl:choose></td>
              <td><xsl:value-of select="@surveys"/></td>
              <td><xsl:value-of select="@with-errors"/></td>
              <td><xsl:choose><xsl:when test="@overfort"><xsl:call-template name="dato"><xsl:with-param name="d" select="@overfort"/></xsl:call-template> (<xsl:value-of select="@transferred"/>)</xsl:when><xsl:otherwise>Nei</xsl:otherwise></xsl:choose></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
