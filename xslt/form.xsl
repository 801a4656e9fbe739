<?xml version="1.0" encoding="UTF-8"?>
<!-- form.xsl: helpers for pages with forms; kept apart from layout.xsl because every
     request parses its stylesheets and most pages have no form fields. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- One labelled input (list: the id of a datalist of suggestions). A type 'date' is a
       text field in Norwegian form, dd.mm.åååå, whatever the browser's language (a native
       date input shows the browser's format, mm/dd/yyyy in an English one); the programs
       take both that and YYYY-MM-DD (period.h, date_parse). The error of the field (a <message field="id">) is tied to it
       with aria-describedby and aria-invalid. id (default: the name) tells apart fields of
       the same name in several forms of one page. -->
  <xsl:template name="field">
    <xsl:param name="name"/>
    <xsl:param name="id" select="$name"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="autocomplete" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="inputmode" select="''"/>
    <xsl:param name="maxlength" select="''"/>
    <xsl:param name="list" select="''"/>
    <xsl:param name="min" select="''"/>
    <xsl:param name="max" select="''"/>
    <xsl:param name="required" select="true()"/>
    <xsl:variable name="err" select="/page/message[@kind = 'error' and @field = $id]"/>
    <div class="field">
      <label for="f-{$id}"><xsl:value-of select="$label"/></label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="f-{$id}-hint"><xsl:value-of select="$hint"/></p>
      </xsl:if>
      <xsl:if test="$err">
        <p class="field-error" id="f-{$id}-err"><xsl:value-of select="$err[1]"/></p>
      </xsl:if>
      <input id="f-{$id}" name="{$name}">
        <xsl:attribute name="type"><xsl:choose><xsl:when test="$type = 'date'">text</xsl:when><xsl:otherwise><xsl:value-of select="$type"/></xsl:otherwise></xsl:choose></xsl:attribute>
        <xsl:if test="$type = 'date'"><xsl:attribute name="class">date</xsl:attribute><xsl:attribute name="autocomplete">off</xsl:attribute><xsl:attribute name="maxlength">10</xsl:attribute></xsl:if>
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$min != ''"><xsl:attribute name="min"><xsl:value-of select="$min"/></xsl:attribute></xsl:if>
        <xsl:if test="$max != ''"><xsl:attribute name="max"><xsl:value-of select="$max"/></xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$type = 'date'"><xsl:attribute name="value"><xsl:call-template name="dato"><xsl:with-param name="d" select="string($value)"/></xsl:call-template></xsl:attribute></xsl:when>
          <xsl:when test="$type != 'password'"><xsl:attribute name="value"><xsl:value-of select="$value"/></xsl:attribute></xsl:when>
        </xsl:choose>
        <xsl:if test="$autocomplete != ''"><xsl:attribute name="autocomplete"><xsl:value-of select="$autocomplete"/></xsl:attribute></xsl:if>
        <xsl:if test="$inputmode != ''"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
        <xsl:if test="$maxlength != ''"><xsl:attribute name="maxlength"><xsl:value-of select="$maxlength"/></xsl:attribute></xsl:if>
        <xsl:if test="$list != ''"><xsl:attribute name="list"><xsl:value-of select="$list"/></xsl:attribute></xsl:if>
        <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:if test="$hint != '' or $err">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''">f-<xsl:value-of select="$id"/>-hint</xsl:if>
            <xsl:if test="$hint != '' and $err"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$err">f-<xsl:value-of select="$id"/>-err</xsl:if>
          </xsl:attribute>
        </xsl:if>
      </input>
    </div>
  </xsl:template>

  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
  </xsl:template>
</xsl:stylesheet>
