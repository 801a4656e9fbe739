<?xml version="1.0" encoding="UTF-8"?>
<!-- overforing.xsl: the kommunekontakt's year: sluttdato and overføringsdato, then the
     transfer to KORFOR and its receipt. Model: <period kommune state=open|locked|due|
     transferred sluttdato overforingsdato stored-sluttdato stored-overforingsdato
     moved-from ready with-errors overfort transferred held-back/>, and <lock-today sluttdato
     overforingsdato/> when a sluttdato of today waits for its confirmation; <last year
     overfort transferred held-back | ready with-errors/>: last year's receipt, or what of
     it still waits for the transfer. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title"><xsl:value-of select="@year"/> Kartlegging: sluttdato og overføring</xsl:template>

  <xsl:template match="last">
    <section class="card" aria-labelledby="ifjor">
      <h2 id="ifjor">Kartleggingen for <xsl:value-of select="@year"/></h2>
      <xsl:choose>
        <xsl:when test="@overfort">
          <p>Overført til KORFOR <xsl:call-template name="dato"><xsl:with-param name="d" select="@overfort"/></xsl:call-template>: <xsl:call-template name="antall"><xsl:with-param name="n" select="@transferred"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template>, <xsl:value-of select="@held-back"/> holdt tilbake fordi de inneholdt feil.</p>
          <p><a href="{/page/@cgi}/rapport?aar={@year}">Se Kommunerapporten for <xsl:value-of select="@year"/></a></p>
        </xsl:when>
        <xsl:otherwise>
          <p class="notice">Kartleggingen for <xsl:value-of select="@year"/> er ikke overført ennå: <xsl:call-template name="antall"><xsl:with-param name="n" select="@ready"/><xsl:with-param name="en">kartlagt bruker er klar</xsl:with-param><xsl:with-param name="flere">kartlagte brukere er klare</xsl:with-param></xsl:call-template>, og <xsl:value-of select="@with-errors"/> med feil blir holdt tilbake. Den overføres av seg selv natten etter 31. desember. Si fra til KORUS om den ikke er overført i løpet av januar.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:apply-templates select="last"/>
    <xsl:variable name="p" select="period"/>
    <xsl:choose>
      <xsl:when test="$p/@state = 'transferred'">
        <section class="card" aria-labelledby="kvittering">
          <h2 id="kvittering">Kartleggingen er overført</h2>
          <p>Kartleggingen for <xsl:value-of select="$p/@kommune"/> ble overført til KORFOR <xsl:call-template name="dato"><xsl:with-param name="d" select="$p/@overfort"/></xsl:call-template>.</p>
          <dl class="facts">
            <dt>Overført</dt><dd><xsl:call-template name="antall"><xsl:with-param name="n" select="$p/@transferred"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template></dd>
            <dt>Holdt tilbake (inneholdt feil, slettet)</dt><dd><xsl:value-of select="$p/@held-back"/></dd>
            <dt>Sluttdato</dt><dd><xsl:call-template name="dato"><xsl:with-param name="d" select="$p/@stored-sluttdato"/></xsl:call-template></dd>
            <dt>Overføringsdato</dt><dd><xsl:call-template name="dato"><xsl:with-param name="d" select="$p/@stored-overforingsdato"/></xsl:call-template></dd>
          </dl>
          <p>Det er ikke mulig å gjenopprette eller fortsette kartleggingen.</p>
          <p><a href="{@cgi}/rapport?aar={@year}">Se Kommunerapporten for <xsl:value-of select="@year"/></a>: den er klar med en gang.</p>
        </section>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$p" mode="dates"/>
        <xsl:apply-templates select="$p" mode="transfer"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="period" mode="dates">
    <xsl:if test="/page/lock-today">
      <section class="card" aria-labelledby="las">
        <h2 id="las">Kartleggingen låses i dag</h2>
        <p class="lead">Med sluttdato i dag låses kartleggingen med en gang: ingen nye brukere kan kartlegges, og kartleggingene kan bare rettes etter krav fra bruker.</p>
        <form method="post" action="{/page/@cgi}/overforing">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="handling" value="datoer"/>
          <input type="hidden" name="sluttdato" value="{/page/lock-today/@sluttdato}"/>
          <input type="hidden" name="overforingsdato" value="{/page/lock-today/@overforingsdato}"/>
          <input type="hidden" name="bekreft" value="ja"/>
          <button type="submit" class="danger">Lås kartleggingen i dag</button>
          <xsl:text> </xsl:text>
          <a href="{/page/@cgi}/overforing">Avbryt</a>
        </form>
      </section>
    </xsl:if>
    <section class="card" aria-labelledby="datoer">
      <h2 id="datoer">Sluttdato og overføringsdato</h2>
      <p>KORFOR anbefaler at det settes av minst to uker mellom kartleggingsslutt og overføring, slik at brukerne får rimelig tid til å utøve sine rettigheter til reservasjon, innsyn, retting og sletting. Det er overføringsdatoen som skal kommuniseres til brukerne som frist i informasjonsskrivet.</p>
      <p>På sluttdatoen låses kartleggingen, men kartleggere har lesetilgang til egne kartlagte brukere frem til kartleggingen overføres. På overføringsdatoen blir overføringsknappen synlig. Siste mulige overføringsdato er 31. desember.</p>
      <xsl:if test="@state = 'locked' or @state = 'due'">
        <p class="notice">Kartleggingen for kommunen er avsluttet (sluttdato: <xsl:call-template name="dato"><xsl:with-param name="d" select="@stored-sluttdato"/></xsl:call-template>).</p>
      </xsl:if>
      <form method="post" action="{/page/@cgi}/overforing" class="narrow" novalidate="novalidate">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="datoer"/>
        <xsl:call-template name="field">
          <xsl:with-param name="name">sluttdato</xsl:with-param>
          <xsl:with-param name="label">Sluttdato for kommunens kartlegging</xsl:with-param>
          <xsl:with-param name="type">date</xsl:with-param>
          <xsl:with-param name="value" select="@sluttdato"/>
          <xsl:with-param name="hint">På denne datoen låses kartleggingen (dd.mm.åååå).</xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name">overforingsdato</xsl:with-param>
          <xsl:with-param name="label">Overføringsdato</xsl:with-param>
          <xsl:with-param name="type">date</xsl:with-param>
          <xsl:with-param name="value" select="@overforingsdato"/>
          <xsl:with-param name="hint">Fra denne datoen kan kartleggingen overføres til KORFOR. Flyttes den, må brukerne som hovedregel informeres om den nye fristen (dd.mm.åååå).</xsl:with-param>
        </xsl:call-template>
        <button type="submit">Lagre datoene</button>
      </form>
      <xsl:if test="@moved-from != ''">
        <p class="aside">Overføringsdatoen ble sist flyttet fra <xsl:call-template name="dato"><xsl:with-param name="d" select="@moved-from"/></xsl:call-template>.</p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="period" mode="transfer">
    <section class="card" aria-labelledby="overfor">
      <h2 id="overfor">Overfør kommunens kartlegging til KORFOR</h2>
      <xsl:choose>
        <xsl:when test="@state = 'due'">
          <p>Pseudonymiserer og overfører alle ferdig kartlagte brukere i kommunen til KORFOR, hvorpå den originale kartleggingen slettes. Kartlegginger som inneholder feil overføres ikke.</p>
          <p><strong>Det er ikke mulig å gjenopprette eller fortsette kartleggingen etter at dette er gjort.</strong></p>
          <dl class="facts">
            <dt>Klare for overføring</dt><dd><xsl:value-of select="@ready"/></dd>
            <dt>Med feil (overføres ikke, slettes)</dt><dd><xsl:value-of select="@with-errors"/></dd>
          </dl>
          <form method="post" action="{/page/@cgi}/overforing">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="handling" value="overfor"/>
            <xsl:variable name="err" select="/page/message[@kind = 'error' and @field = 'bekreft']"/>
            <div class="field" id="f-bekreft-field">
              <xsl:if test="$err"><p class="field-error" id="f-bekreft-err"><xsl:value-of select="$err"/></p></xsl:if>
              <label class="choice">
                <input type="checkbox" id="f-bekreft" name="bekreft" value="ja" required="required">
                  <xsl:if test="$err"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="aria-describedby">f-bekreft-err</xsl:attribute></xsl:if>
                </input>
                Jeg bekrefter at kartleggingen skal overføres
              </label>
            </div>
            <button type="submit" class="danger">Overfør kartleggingen</button>
          </form>
        </xsl:when>
        <xsl:when test="@stored-overforingsdato != ''">
          <p>Overføringen blir mulig på overføringsdatoen, <xsl:call-template name="dato"><xsl:with-param name="d" select="@stored-overforingsdato"/></xsl:call-template>.</p>
        </xsl:when>
        <xsl:otherwise>
          <p>Overføringen blir mulig når overføringsdatoen er satt og nådd, og senest etter 31. desember.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
