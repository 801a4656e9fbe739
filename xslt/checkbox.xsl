<?xml version="1.0" encoding="UTF-8"?>
<!-- checkbox.xsl: a required checkbox, in a file of its own because every request parses the stylesheets it
     includes and most forms do not need it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <!-- A required checkbox (value "ja") whose label may hold a link. -->
  <xsl:template name="checkbox">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="checked" select="false()"/>
    <xsl:variable name="err" select="/page/message[@kind = 'error' and @field = $name]"/>
    <div class="field">
      <xsl:if test="$err">
        <p class="field-error" id="f-{$name}-err"><xsl:value-of select="$err[1]"/></p>
      </xsl:if>
      <div class="checkbox">
        <input type="checkbox" id="f-{$name}" name="{$name}" value="ja" required="required">
          <xsl:if test="$checked"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
          <xsl:if test="$err">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">f-<xsl:value-of select="$name"/>-err</xsl:attribute>
          </xsl:if>
        </input>
        <label for="f-{$name}"><xsl:copy-of select="$label"/></label>
      </div>
    </div>
  </xsl:template>

</xsl:stylesheet>
