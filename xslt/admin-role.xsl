<?xml version="1.0" encoding="UTF-8"?>
<!-- admin-role.xsl: change an account between kommunekontakt and kartlegger, keeping the
     account, its login and its surveys. Model: <account id name instans the kommune role
     role-title tjenestetype>, <values rolle instans tjenestetype>, <tjenestetype id>title</>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>
  <xsl:include href="select.xsl"/>

  <xsl:template match="page" mode="title">Endre rolle for <xsl:value-of select="account/@name"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p class="lead"><xsl:value-of select="account/@name"/> er nå <strong><xsl:value-of select="account/@role-title"/></strong>.</p>
    <ul>
      <li>Kontoen, innloggingen og kartleggingene beholdes.</li>
      <li>Registreringslenker personen har laget og ikke lenger kan lage, trekkes tilbake.</li>
      <li>Endringen vises i autorisasjonsregisteret.</li>
    </ul>
    <form method="post" action="{@cgi}/admin/rolle" class="narrow">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="id" value="{account/@id}"/>
      <xsl:variable name="chosen">
        <xsl:choose>
          <xsl:when test="values/@rolle != ''"><xsl:value-of select="values/@rolle"/></xsl:when>
          <xsl:when test="account/@role = 'kartlegger'">kommunekontakt</xsl:when>
          <xsl:otherwise>kartlegger</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="select">
        <xsl:with-param name="name">rolle</xsl:with-param>
        <xsl:with-param name="label">Ny rolle</xsl:with-param>
        <xsl:with-param name="options">
          <option value="kommunekontakt"><xsl:if test="$chosen = 'kommunekontakt'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Kommunekontakt</option>
          <option value="kartlegger"><xsl:if test="$chosen = 'kartlegger'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Kartlegger</option>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:call-template name="field">
        <xsl:with-param name="name">instans</xsl:with-param>
        <xsl:with-param name="label">Instans (obligatorisk for kartlegger)</xsl:with-param>
        <xsl:with-param name="value" select="values/@instans"/>
        <xsl:with-param name="required" select="false()"/>
      </xsl:call-template>
      <xsl:call-template name="select">
        <xsl:with-param name="name">tjenestetype</xsl:with-param>
        <xsl:with-param name="label">Tjenestetype (obligatorisk for kartlegger)</xsl:with-param>
        <xsl:with-param name="options">
          <option value="">Velg tjenestetype</option>
          <xsl:for-each select="tjenestetype">
            <option value="{@id}"><xsl:if test="@id = /page/values/@tjenestetype"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
          </xsl:for-each>
        </xsl:with-param>
      </xsl:call-template>
      <button type="submit">Endre rolle</button>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="account/@kommune != ''"><a href="{@cgi}/admin?kommune={account/@kommune}">Avbryt</a></xsl:when>
        <xsl:otherwise><a href="{@cgi}/autorisasjon">Avbryt</a></xsl:otherwise>
      </xsl:choose>
    </form>
  </xsl:template>
</xsl:stylesheet>
