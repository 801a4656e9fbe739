<?xml version="1.0" encoding="UTF-8"?>
<!-- skjema-vis.xsl: the views of a survey that are not forms: Obs, Feil and Logg (the tab
     bar and the frame from skjema.xsl). Extra model for Logg:
     <log><entry time who action changed/></log>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="skjema.xsl"/>

  <!-- Views: Obs, Feil, Logg. -->
  <xsl:template match="page" mode="main">
    <xsl:call-template name="tabs"><xsl:with-param name="buttons" select="false()"/></xsl:call-template>
    <xsl:apply-templates select="$s" mode="view"/>
    <p><a href="{$cgi}/kartlegging">Lukk kartleggingen</a></p>
  </xsl:template>

  <xsl:template match="survey[@fane = 'feil']" mode="view">
    <h2>Feil</h2>
    <xsl:choose>
      <xsl:when test="@errors = 0"><p>Ingen feil: alle obligatoriske spørsmål er besvart, og ingen svar motsier hverandre.</p></xsl:when>
      <xsl:otherwise>
        <p>Kartlegginger med feil overføres ikke. Svar på de obligatoriske spørsmålene og rett svarene som er feil før sluttdato.</p>
        <!-- what is wrong first: what is left to answer is the work of a survey not done -->
        <xsl:if test="@wrong &gt; 0">
          <h3>Svar som er feil eller motsier hverandre (<xsl:value-of select="@wrong"/>)</h3>
          <xsl:call-template name="finding-list"><xsl:with-param name="list" select="/page/findings/finding[@kind = 'invalid' or @kind = 'error']"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="@unanswered &gt; 0">
          <h3>Obligatoriske spørsmål uten svar (<xsl:value-of select="@unanswered"/>)</h3>
          <xsl:call-template name="finding-list"><xsl:with-param name="list" select="/page/findings/finding[@kind = 'missing']"/></xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="survey[@fane = 'obs']" mode="view">
    <h2>Obs</h2>
    <xsl:choose>
      <xsl:when test="@obs = 0"><p>Ingen obs-meldinger.</p></xsl:when>
      <xsl:otherwise>
        <p>Obs-meldinger er varsler, ikke feil. Vurder om noe må følges opp:</p>
        <xsl:call-template name="finding-list"><xsl:with-param name="list" select="/page/findings/finding[@kind = 'obs']"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="finding-list">
    <xsl:param name="list"/>
    <ul class="findings">
      <xsl:for-each select="$list">
        <li>
          <a href="{$cgi}/skjema?id={$s/@id}&amp;fane={@tab}#f-{@field}">
            <xsl:value-of select="@tab-title"/><xsl:if test="@where != ''"> – <xsl:value-of select="@where"/></xsl:if>: <xsl:choose>
              <xsl:when test="@kind = 'missing'">«<xsl:value-of select="@label"/>» mangler svar.</xsl:when>
              <xsl:when test="@kind = 'invalid'">«<xsl:value-of select="@label"/>»: <xsl:value-of select="."/></xsl:when>
              <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
            </xsl:choose>
          </a>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template match="survey[@fane = 'logg']" mode="view">
    <h2>Endringslogg</h2>
    <!-- innsyn (2026 manual, the Logg tab): the two files, each with the manual's words -->
    <p>Endringsloggen opprettes automatisk ved kartlegging og viser hvem som har opprettet, åpnet, endret, lagret eller skrevet ut kartleggingen. Endringsloggfilen kan lastes ned dersom brukeren krever innsyn.</p>
    <p><a href="{$cgi}/innsyn?id={@id}&amp;fil=endringslogg">Last ned endringslogg (PDF)</a></p>
    <p>Kartleggingsfilen viser innholdet i kartleggingen og skal kun lastes ned dersom brukeren krever innsyn.</p>
    <p><a href="{$cgi}/innsyn?id={@id}&amp;fil=kartlegging">Last ned kartlegging (PDF)</a></p>
    <table class="data">
      <caption class="visually-hidden">Endringslogg for kartleggingen</caption>
      <thead><tr><th scope="col">Tid</th><th scope="col">Hvem</th><th scope="col">Hva</th></tr></thead>
      <tbody>
        <xsl:for-each select="/page/log/entry">
          <tr>
            <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@time"/></xsl:call-template></td>
            <td><xsl:value-of select="@who"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@action = 'opprettet'">Opprettet</xsl:when>
                <xsl:when test="@action = 'åpnet'">Åpnet</xsl:when>
                <xsl:when test="@action = 'slettet'">Slettet</xsl:when>
                <xsl:when test="@action = 'lagret' and @changed != ''">Lagret. Endret: <xsl:value-of select="@changed"/></xsl:when>
                <xsl:when test="@action = 'lagret'">Lagret</xsl:when>
                <xsl:when test="@action = 'rettet etter krav fra bruker' and @changed != ''">Rettet etter krav fra bruker. Endret: <xsl:value-of select="@changed"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="translate(substring(@action, 1, 1), 'abcdefghijklmnopqrstuvwxyzæøå', 'ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ')"/><xsl:value-of select="substring(@action, 2)"/></xsl:otherwise>
              </xsl:choose>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
