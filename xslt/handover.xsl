<?xml version="1.0" encoding="UTF-8"?>
<!-- handover.xsl: "Overfør kartlegginger til annen kartlegger", in three steps.
     Model: <step>velg|bekreft|ferdig</step>, <from id name instans surveys own>,
     <receivers><receiver id name instans selected/></receivers>, <to id name instans>,
     <done from from-instans to to-instans moved kommune own>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>
  <xsl:include href="select.xsl"/>
  <xsl:include href="checkbox.xsl"/>

  <xsl:template match="page" mode="title">Overfør kartlegginger til annen kartlegger</xsl:template>

  <xsl:template match="page[step = 'velg']" mode="main">
    <p>På denne siden kan du overføre kartleggingene til en annen kartlegger. Dette er ikke reversibelt.</p>
    <p>Fra kartlegger: <strong><xsl:value-of select="from/@name"/></strong> (<xsl:value-of select="from/@instans"/>), <xsl:call-template name="antall"><xsl:with-param name="n" select="from/@surveys"/><xsl:with-param name="en">kartlegging</xsl:with-param><xsl:with-param name="flere">kartlegginger</xsl:with-param></xsl:call-template>.</p>
    <xsl:choose>
      <xsl:when test="not(receivers/receiver)">
        <p>Det finnes ingen annen aktiv kartlegger i samme instans, og ingen kommunekontakt, å overføre til.</p>
      </xsl:when>
      <xsl:otherwise>
        <form method="post" action="{@cgi}/handover" class="narrow">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="steg" value="bekreft"/>
          <input type="hidden" name="fra" value="{from/@id}"/>
          <xsl:call-template name="select">
            <xsl:with-param name="name">til</xsl:with-param>
            <xsl:with-param name="label">Til kartlegger</xsl:with-param>
            <xsl:with-param name="options">
              <xsl:for-each select="receivers/receiver">
                <option value="{@id}"><xsl:if test="@selected = '1'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/> (<xsl:value-of select="@instans"/>)</option>
              </xsl:for-each>
            </xsl:with-param>
          </xsl:call-template>
          <button type="submit">Flytt kartlegginger</button>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[step = 'bekreft']" mode="main">
    <p>Du er i ferd med å overføre alle kartlegginger (<xsl:value-of select="from/@surveys"/>) fra <strong><xsl:value-of select="from/@name"/></strong> til <strong><xsl:value-of select="to/@name"/></strong>. Dette er ikke reversibelt.</p>
    <form method="post" action="{@cgi}/handover" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="steg" value="flytt"/>
      <input type="hidden" name="fra" value="{from/@id}"/>
      <input type="hidden" name="til" value="{to/@id}"/>
      <xsl:call-template name="checkbox">
        <xsl:with-param name="name">bekreft</xsl:with-param>
        <xsl:with-param name="label">Jeg bekrefter flytting av kartleggingene nevnt over</xsl:with-param>
      </xsl:call-template>
      <button type="submit">Flytt kartlegginger</button>
      <xsl:text> </xsl:text>
      <a href="{@cgi}/handover?fra={from/@id}">Avbryt</a>
    </form>
  </xsl:template>

  <xsl:template match="page[step = 'ferdig']" mode="main">
    <p class="notice" role="status"><strong>Overføring fullført:</strong> Overføring av kartleggingene fra <xsl:value-of select="done/@from"/> (<xsl:value-of select="done/@from-instans"/>) til <xsl:value-of select="done/@to"/> (<xsl:value-of select="done/@to-instans"/>) var vellykket! <xsl:call-template name="antall"><xsl:with-param name="n" select="done/@moved"/><xsl:with-param name="en">kartlegging</xsl:with-param><xsl:with-param name="flere">kartlegginger</xsl:with-param></xsl:call-template> er overført.</p>
    <p>
      <xsl:choose>
        <xsl:when test="done/@own = '1'"><a href="{@cgi}/menu">Tilbake til hovedmenyen</a></xsl:when>
        <xsl:otherwise><a href="{@cgi}/admin?kommune={done/@kommune}">Tilbake til kartleggerne</a></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
