<?xml version="1.0" encoding="UTF-8"?>
<!-- kartlegging.xsl: "Kartlegging <år>": start a survey, and one's own surveys.
     Model: <start fnr ask-kjonn kjonn fodselsar/>, <own id/> (one's own survey of the
     number typed), <surveys year older count page pages query><survey id fnr errors
     changed (dd.mm.åååå kl. TT:MM)/> (year: of the surveys listed; older: listing this year, how many of last
     year's one still holds, not yet transferred),
     or <confirm id fnr errors/> to confirm a deletion. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="confirm">Slette kartleggingen?</xsl:when>
      <xsl:otherwise>Kartlegging <xsl:value-of select="@year"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[confirm]" mode="main">
    <p>Du er i ferd med å slette kartleggingen av <strong><xsl:value-of select="confirm/@fnr"/></strong>. Alle svarene slettes, og det kan ikke angres.</p>
    <form method="post" action="{@cgi}/kartlegging">
      <xsl:call-template name="csrf"/>
      <input type="hidden" name="handling" value="slett"/>
      <input type="hidden" name="id" value="{confirm/@id}"/>
      <input type="hidden" name="bekreft" value="ja"/>
      <button type="submit" class="danger">Slett kartleggingen</button>
      <xsl:text> </xsl:text>
      <a href="{@cgi}/kartlegging">Avbryt</a>
    </form>
  </xsl:template>

  <xsl:template match="page[surveys/@year != @year]" mode="main">
    <!-- last year's surveys, not yet transferred: locked, and why -->
    <div class="notice locked" role="status">
      <p><strong>Kartleggingene fra <xsl:value-of select="surveys/@year"/></strong> er ikke overført til KORFOR ennå. Kartleggingen for <xsl:value-of select="surveys/@year"/> er avsluttet, så de er låst: du kan lese dem, laste ned innsyn, og rette eller slette dem etter krav fra brukeren frem til overføringen. De overføres av seg selv etter 31. desember; spør kommunekontakten om det drøyer.</p>
      <p><a href="{@cgi}/kartlegging">Tilbake til kartleggingen for <xsl:value-of select="@year"/></a></p>
    </div>
    <section aria-labelledby="kartlagte">
      <h2 id="kartlagte">Kartlagte brukere i <xsl:value-of select="surveys/@year"/></h2>
      <xsl:apply-templates select="surveys"/>
    </section>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:if test="surveys/@older &gt; 0">
      <div class="notice" role="status">
        <p>Du har <xsl:call-template name="antall"><xsl:with-param name="n" select="surveys/@older"/><xsl:with-param name="en">kartlegging</xsl:with-param><xsl:with-param name="flere">kartlegginger</xsl:with-param></xsl:call-template> fra <xsl:value-of select="@year - 1"/> som ikke er overført til KORFOR ennå. Årets liste begynner tom; kartleggingene fra i fjor er låst, men du kan lese dem og rette eller slette etter krav fra brukeren frem til overføringen.</p>
        <p><a href="{@cgi}/kartlegging?aar={@year - 1}">Se kartleggingene fra <xsl:value-of select="@year - 1"/></a></p>
      </div>
    </xsl:if>
    <xsl:if test="period/@sluttdato != '' or period/@overforingsdato != ''">
      <p class="card">
        <xsl:if test="period/@sluttdato != ''">Sluttdato: <strong><xsl:call-template name="dato"><xsl:with-param name="d" select="period/@sluttdato"/></xsl:call-template></strong>. Kartleggingen låses denne dagen, og må derfor ferdigstilles før.</xsl:if>
        <xsl:if test="period/@overforingsdato != ''"><br/>Overføringsdato: <strong><xsl:call-template name="dato"><xsl:with-param name="d" select="period/@overforingsdato"/></xsl:call-template></strong>. Frem til denne datoen kan brukere kreve innsyn, retting eller sletting.</xsl:if>
      </p>
    </xsl:if>
    <section class="card" aria-labelledby="ny">
      <h2 id="ny">Legg til ny bruker</h2>
      <xsl:if test="period/@closed = '1'">
        <p class="notice">Kartleggingen for kommunen er avsluttet<xsl:if test="period/@sluttdato != ''"> (sluttdato: <xsl:call-template name="dato"><xsl:with-param name="d" select="period/@sluttdato"/></xsl:call-template>)</xsl:if>. Nye brukere kan ikke kartlegges. Du har fortsatt lesetilgang til dine kartlagte brukere, og kan rette eller slette etter krav fra brukeren frem til overføringen.</p>
      </xsl:if>
      <xsl:if test="not(period/@closed = '1') or message[@field = 'fnr']">
      <form method="post" action="{@cgi}/kartlegging" class="narrow" novalidate="novalidate">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="ny"/>
        <xsl:call-template name="field">
          <xsl:with-param name="name">fnr</xsl:with-param>
          <xsl:with-param name="label">Fødselsnummer</xsl:with-param>
          <xsl:with-param name="value" select="start/@fnr"/>
          <xsl:with-param name="hint">Nummeret skal være et gyldig norsk fødselsnummer på 11 siffer.</xsl:with-param>
          <xsl:with-param name="inputmode">numeric</xsl:with-param>
          <xsl:with-param name="autocomplete">off</xsl:with-param>
          <xsl:with-param name="maxlength">13</xsl:with-param>
        </xsl:call-template>
        <xsl:if test="start/@ask-kjonn = '1'">
          <xsl:variable name="kerr" select="message[@kind = 'error' and @field = 'kjonn']"/>
          <fieldset class="field" id="f-kjonn">
            <xsl:if test="$kerr"><xsl:attribute name="aria-describedby">f-kjonn-err</xsl:attribute></xsl:if>
            <legend>Kjønn</legend>
            <xsl:if test="$kerr"><p class="field-error" id="f-kjonn-err"><xsl:value-of select="$kerr"/></p></xsl:if>
            <label class="choice"><input type="radio" name="kjonn" value="kvinne"><xsl:if test="start/@kjonn = 'kvinne'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input> Kvinne</label>
            <label class="choice"><input type="radio" name="kjonn" value="mann"><xsl:if test="start/@kjonn = 'mann'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input> Mann</label>
          </fieldset>
          <xsl:call-template name="field">
            <xsl:with-param name="name">fodselsar</xsl:with-param>
            <xsl:with-param name="label">Fødselsår</xsl:with-param>
            <xsl:with-param name="value" select="start/@fodselsar"/>
            <xsl:with-param name="inputmode">numeric</xsl:with-param>
            <xsl:with-param name="maxlength">4</xsl:with-param>
          </xsl:call-template>
        </xsl:if>
        <button type="submit">Kartlegg bruker</button>
      </form>
      </xsl:if>
      <xsl:if test="own">
        <p><a href="{@cgi}/skjema?id={own/@id}&amp;fane=bruker">Åpne kartleggingen av denne personen</a></p>
      </xsl:if>
    </section>

    <section aria-labelledby="kartlagte">
      <h2 id="kartlagte">Kartlagte brukere</h2>
      <form method="post" action="{@cgi}/kartlegging" class="search" role="search">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="sok"/>
        <xsl:call-template name="field">
          <xsl:with-param name="name">sok</xsl:with-param>
          <xsl:with-param name="label">Søk blant dine kartlagte brukere</xsl:with-param>
          <xsl:with-param name="value" select="surveys/@query"/>
          <xsl:with-param name="hint">Hele eller deler av fødselsnummeret.</xsl:with-param>
          <xsl:with-param name="inputmode">numeric</xsl:with-param>
          <xsl:with-param name="autocomplete">off</xsl:with-param>
          <xsl:with-param name="required" select="false()"/>
        </xsl:call-template>
        <button type="submit" class="secondary">Søk</button>
        <xsl:if test="surveys/@query">
          <xsl:text> </xsl:text><a href="{@cgi}/kartlegging">Vis alle</a>
        </xsl:if>
      </form>
      <xsl:apply-templates select="surveys"/>
    </section>
  </xsl:template>

  <xsl:template match="surveys">
    <xsl:choose>
      <xsl:when test="@query and @count = 0"><p role="status">Ingen av dine kartlagte brukere passer med søket.</p></xsl:when>
      <xsl:when test="@count = 0"><p>Ingen kartlagte brukere.</p></xsl:when>
      <xsl:otherwise>
        <p role="status">
          <xsl:choose>
            <xsl:when test="@query"><xsl:value-of select="@count"/> treff.</xsl:when>
            <xsl:when test="@pages &gt; 1"><xsl:call-template name="antall"><xsl:with-param name="n" select="@count"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template>, side <xsl:value-of select="@page"/> av <xsl:value-of select="@pages"/>. Sist endret først.</xsl:when>
            <xsl:otherwise><xsl:call-template name="antall"><xsl:with-param name="n" select="@count"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template>. Sist endret først.</xsl:otherwise>
          </xsl:choose>
        </p>
        <!-- One form around the table, one button per row: the button sends the id of
             its row (handling=slett id), and the confirmation page asks before anything is
             deleted. A form per row cost a CSRF field and three inputs a row. -->
        <!-- Per row, what costs: each {$var} an attribute names is an XPath evaluation
             and a copy of the string (about 1,700 instructions). So the row's links are
             relative to this page (skjema?id=.., not {$cgi}/skjema?id=..), and a link's
             accessible name with the number ("Endre 01019012345") is an aria-label,
             where a visually hidden span was three nodes more. Screen readers and
             getByRole hear the same name. -->
        <!-- strings, not nodes: each row refers to them several times, and a string is
             copied where a node would be looked up and converted again -->
        <xsl:variable name="cgi" select="string(/page/@cgi)"/>
        <form method="post" action="{$cgi}/kartlegging">
          <xsl:call-template name="csrf"/>
          <input type="hidden" name="handling" value="slett"/>
          <table class="data">
            <caption class="visually-hidden">Dine kartlagte brukere i <xsl:value-of select="@year"/></caption>
            <thead>
              <tr><th scope="col">Fødselsnummer</th><th scope="col">Feil</th><th scope="col">Endret</th><th scope="col">Innsyn</th><th scope="col">Endre</th><th scope="col">Slett</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="survey">
                <xsl:variable name="id" select="string(@id)"/>
                <xsl:variable name="fnr" select="string(@fnr)"/>
                <tr>
                  <th scope="row"><a href="skjema?id={$id}"><xsl:value-of select="$fnr"/></a></th>
                  <td><xsl:value-of select="@errors"/></td>
                  <td><xsl:value-of select="@changed"/></td>
                  <td>Last ned PDF: <a href="innsyn?id={$id}&amp;fil=kartlegging" aria-label="Kartlegging {$fnr}">Kartlegging</a><xsl:text> </xsl:text><a href="innsyn?id={$id}&amp;fil=endringslogg" aria-label="Endringslogg {$fnr}">Endringslogg</a></td>
                  <td><a href="skjema?id={$id}" aria-label="Endre {$fnr}">Endre</a></td>
                  <td><button type="submit" name="id" value="{$id}" class="danger" aria-label="Slett {$fnr}">Slett</button></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </form>
        <xsl:if test="@pages &gt; 1">
          <nav aria-label="Sider" class="pages">
            <xsl:variable name="aar"><xsl:if test="@year != /page/@year">&amp;aar=<xsl:value-of select="@year"/></xsl:if></xsl:variable>
            <xsl:if test="@page &gt; 1"><a href="{/page/@cgi}/kartlegging?side={@page - 1}{$aar}">Forrige side</a><xsl:text> </xsl:text></xsl:if>
            <xsl:if test="@page &lt; @pages"><a href="{/page/@cgi}/kartlegging?side={@page + 1}{$aar}">Neste side</a></xsl:if>
          </nav>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
