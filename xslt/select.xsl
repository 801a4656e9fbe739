<?xml version="1.0" encoding="UTF-8"?>
<!-- select.xsl: a labelled select, in a file of its own because every request parses the stylesheets it
     includes and most forms do not need it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- A labelled select; options come as a result tree fragment. -->
  <xsl:template name="select">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="options"/>
    <xsl:param name="hint" select="''"/>
    <xsl:variable name="err" select="/page/message[@kind = 'error' and @field = $name]"/>
    <div class="field">
      <label for="f-{$name}"><xsl:value-of select="$label"/></label>
      <xsl:if test="$hint != ''">
        <p class="hint" id="f-{$name}-hint"><xsl:value-of select="$hint"/></p>
      </xsl:if>
      <xsl:if test="$err">
        <p class="field-error" id="f-{$name}-err"><xsl:value-of select="$err[1]"/></p>
      </xsl:if>
      <select id="f-{$name}" name="{$name}">
        <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:if test="$hint != '' or $err">
          <xsl:attribute name="aria-describedby">
            <xsl:if test="$hint != ''">f-<xsl:value-of select="$name"/>-hint</xsl:if>
            <xsl:if test="$hint != '' and $err"><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="$err">f-<xsl:value-of select="$name"/>-err</xsl:if>
          </xsl:attribute>
        </xsl:if>
        <xsl:copy-of select="$options"/>
      </select>
    </div>
  </xsl:template>

</xsl:stylesheet>
