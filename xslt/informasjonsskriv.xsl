<?xml version="1.0" encoding="UTF-8"?>
<!-- informasjonsskriv.xsl: the informasjonsskriv, to print for one's kommune, or (KORUS,
     KORFOR) to preview; KORFOR edits its text. Model: <letter copy=kommune|preview kommune
     overforingsdato year changed> with <title>, <heading> and <p> in the letter's order
     (filled in), and for KORFOR <edit standard=yes|no>the text as written</edit>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Informasjonsskriv</xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="l" select="letter"/>
    <p>Alle som kan bli kartlagt, skal få informasjon før kartleggingen: om registreringen, om rettighetene sine og om fristen, som er kommunens overføringsdato. Gi skrivet til hver enkelt, på papir eller elektronisk; et oppslag er ikke nok. Gis informasjonen muntlig, skal det journalføres i kommunens systemer.</p>
    <xsl:choose>
      <xsl:when test="$l/@copy = 'kommune' and $l/@overforingsdato != ''">
        <dl class="facts">
          <dt>Kommune</dt><dd><xsl:value-of select="$l/@kommune"/></dd>
          <dt>Frist</dt><dd><xsl:value-of select="$l/@overforingsdato"/> (overføringsdato)</dd>
        </dl>
        <p><a class="button secondary" href="{@cgi}/informasjonsskriv?fil=pdf">Last ned informasjonsskrivet (PDF)</a></p>
      </xsl:when>
      <xsl:when test="$l/@copy = 'kommune'">
        <p class="notice">Overføringsdatoen for <xsl:value-of select="$l/@kommune"/> er ikke satt ennå. Informasjonsskrivet må si fristen, så det kan lastes ned når kommunekontakten har satt datoen under «Sluttdato og overføring til KORFOR».</p>
      </xsl:when>
      <xsl:otherwise>
        <p>Hver kommune får skrivet med sitt eget navn og sin overføringsdato. Her vises det med eksempelverdier.</p>
        <p><a class="button secondary" href="{@cgi}/informasjonsskriv?fil=pdf">Last ned forhåndsvisning (PDF)</a></p>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$l/@changed"><p class="aside">Teksten ble sist endret av KORFOR <xsl:call-template name="dato"><xsl:with-param name="d" select="$l/@changed"/></xsl:call-template>.</p></xsl:if>

    <section class="card letter" aria-labelledby="skrivet">
      <h2 id="skrivet"><xsl:value-of select="$l/title"/></h2>
      <xsl:apply-templates select="$l/heading | $l/p"/>
    </section>

    <xsl:if test="edit">
      <section aria-labelledby="endre">
        <h2 id="endre">Endre teksten</h2>
        <form method="post" action="{@cgi}/informasjonsskriv">
          <xsl:call-template name="csrf"/>
          <xsl:variable name="err" select="message[@kind = 'error' and @field = 'tekst']"/>
          <div class="field">
            <label for="f-tekst">Informasjonsskrivet</label>
            <p class="hint" id="f-tekst-hint">Høyst 8000 tegn. En tom linje skiller avsnitt. Første linje er tittelen og begynner med «# »; en linje som begynner med «## » er en overskrift. {kommune} blir kommunens navn (for eksempel «Stavanger kommune»), {overføringsdato} kommunens overføringsdato (dd.mm.åååå) og {år} kartleggingsåret. {kommune} og {overføringsdato} må være med.</p>
            <xsl:if test="$err"><p class="field-error" id="f-tekst-err"><xsl:value-of select="$err"/></p></xsl:if>
            <textarea id="f-tekst" name="tekst" rows="24" cols="72" aria-describedby="f-tekst-hint">
              <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">f-tekst-hint f-tekst-err</xsl:attribute></xsl:if>
              <xsl:value-of select="edit"/>
            </textarea>
          </div>
          <button type="submit">Lagre informasjonsskrivet</button>
        </form>
        <xsl:if test="edit/@standard = 'no'">
          <form method="post" action="{@cgi}/informasjonsskriv">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="handling" value="standard"/>
            <button type="submit" class="secondary">Bruk standardteksten</button>
          </form>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="letter/heading"><h3><xsl:value-of select="."/></h3></xsl:template>
  <xsl:template match="letter/p"><p class="pre"><xsl:value-of select="."/></p></xsl:template>
</xsl:stylesheet>
