<?xml version="1.0" encoding="UTF-8"?>
<!-- menu.xsl: the main menu. Model: <account name email role role-title kommune bydel
     instans tjenestetype region>, <surveys count sluttdato overforingsdato> (one's own),
     for the kommunekontakt, KORUS and KORFOR <scope of=kommune|region|land surveys
     without-errors transferred transfers>, <entries><entry>id</entry></entries>,
     and once after a change, <welcome>text</welcome>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <!-- the kommune's dates (2026 manual: the kartlegger's menu shows both) -->
  <xsl:template name="period-dates">
    <xsl:param name="s"/>
    <xsl:if test="$s/@sluttdato != ''"><br/>Sluttdato: <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@sluttdato"/></xsl:call-template>. Kartleggingen låses denne dagen.</xsl:if>
    <xsl:if test="$s/@overforingsdato != ''"><br/>Overføringsdato: <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@overforingsdato"/></xsl:call-template>. Frem til denne datoen kan brukere kreve innsyn, retting eller sletting.</xsl:if>
  </xsl:template>

  <xsl:template match="page" mode="title"><xsl:value-of select="@year"/> Kartlegging</xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:if test="welcome">
      <section class="welcome" aria-labelledby="velkomst" role="status">
        <h2 id="velkomst">Velkomstmelding</h2>
        <p class="pre"><xsl:value-of select="welcome"/></p>
      </section>
    </xsl:if>
    <div class="card year-card">
      <xsl:choose>
        <xsl:when test="scope/@of = 'kommune'">
          <p><strong><xsl:value-of select="@year"/> Kartlegging</strong> – <xsl:choose>
              <xsl:when test="scope/@transfers &gt; 0">Kommunen har overført <xsl:call-template name="antall"><xsl:with-param name="n" select="scope/@transferred"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template> til KORFOR.</xsl:when>
              <xsl:otherwise>Kommunen: <xsl:call-template name="antall"><xsl:with-param name="n" select="scope/@surveys"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template>, <xsl:value-of select="scope/@without-errors"/> uten feil.</xsl:otherwise>
            </xsl:choose>
            <xsl:if test="entries/entry = 'kartlegging'"><br/>Dine egne: <xsl:call-template name="antall"><xsl:with-param name="n" select="surveys/@count"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template>.</xsl:if></p>
        </xsl:when>
        <xsl:when test="scope">
          <p><strong><xsl:value-of select="@year"/> Kartlegging</strong> – <xsl:choose><xsl:when test="scope/@of = 'region'">Regionen</xsl:when><xsl:otherwise>Hele landet</xsl:otherwise></xsl:choose>: <xsl:call-template name="antall"><xsl:with-param name="n" select="scope/@surveys"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template> i kommunene, og <xsl:call-template name="antall"><xsl:with-param name="n" select="scope/@transferred"/><xsl:with-param name="en">overført til KORFOR</xsl:with-param><xsl:with-param name="flere">overført til KORFOR</xsl:with-param></xsl:call-template> fra <xsl:call-template name="antall"><xsl:with-param name="n" select="scope/@transfers"/><xsl:with-param name="en">kommune</xsl:with-param><xsl:with-param name="flere">kommuner</xsl:with-param></xsl:call-template>.</p>
        </xsl:when>
        <xsl:otherwise>
          <p><strong><xsl:value-of select="@year"/> Kartlegging</strong> – <xsl:call-template name="antall"><xsl:with-param name="n" select="surveys/@count"/><xsl:with-param name="en">kartlagt bruker</xsl:with-param><xsl:with-param name="flere">kartlagte brukere</xsl:with-param></xsl:call-template>.</p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="entries/entry = 'kartlegging' or surveys/@sluttdato != '' or surveys/@overforingsdato != ''">
        <p><xsl:if test="entries/entry = 'kartlegging'"><a href="{@cgi}/kartlegging">Start eller fortsett kartlegging av brukere</a></xsl:if>
        <xsl:call-template name="period-dates"><xsl:with-param name="s" select="surveys"/></xsl:call-template></p>
      </xsl:if>
    </div>
    <nav aria-label="Hovedmeny">
      <ul class="menu-cards">
        <xsl:apply-templates select="entries/entry"/>
      </ul>
    </nav>
    <section class="card" aria-labelledby="konto">
      <h2 id="konto">Din konto</h2>
      <dl class="facts">
        <xsl:if test="account/@region != ''"><dt>Region</dt><dd><xsl:value-of select="account/@region"/></dd></xsl:if>
        <xsl:if test="account/@kommune != ''">
          <dt>Kommune</dt>
          <dd><xsl:value-of select="account/@kommune"/><xsl:if test="account/@bydel != ''">, bydel <xsl:value-of select="account/@bydel"/></xsl:if></dd>
        </xsl:if>
        <xsl:if test="account/@role != 'korfor' and account/@role != 'korus'"><dt>Instans</dt><dd><xsl:value-of select="account/@instans"/></dd></xsl:if>
        <xsl:if test="account/@tjenestetype"><dt>Type tjeneste</dt><dd><xsl:value-of select="account/@tjenestetype"/></dd></xsl:if>
        <dt><xsl:value-of select="account/@role-title"/></dt><dd><xsl:value-of select="account/@name"/></dd>
        <dt>E-post</dt><dd><xsl:value-of select="account/@email"/></dd>
      </dl>
      <p><a href="{@cgi}/konto">Min konto</a>: bytt passord og se hvor du er logget inn.</p>
    </section>
  </xsl:template>

  <!-- each card: the seeds' label, and one line on what it is for, so that handing surveys
       to a colleague and transferring them to KORFOR cannot be taken for each other -->
  <xsl:template match="entry[. = 'kartlegging']"><li><a href="{/page/@cgi}/kartlegging">Kartlegge brukere</a><p class="menu-desc">Kartlegg en ny bruker, eller fortsett en kartlegging du har startet.</p></li></xsl:template>
  <xsl:template match="entry[. = 'invite']"><li><a href="{/page/@cgi}/invite"><xsl:choose><xsl:when test="/page/account/@role = 'korfor' or /page/account/@role = 'korus'">Invitere</xsl:when><xsl:otherwise>Invitere kartleggere</xsl:otherwise></xsl:choose></a><p class="menu-desc">Lag registreringslenker, og se og trekk tilbake lenkene i ditt ansvarsområde.</p></li></xsl:template>
  <xsl:template match="entry[. = 'handover']"><li><a href="{/page/@cgi}/handover">Overfør kartleggingene dine</a><p class="menu-desc">Gi kartleggingene dine til en kollega i samme instans eller til kommunekontakten. Ikke overføring til KORFOR.</p></li></xsl:template>
  <xsl:template match="entry[. = 'admin']"><li><a href="{/page/@cgi}/admin">Administrer kartleggere</a><p class="menu-desc">Se kontoene, suspender dem som slutter, og flytt kartleggingene deres.</p></li></xsl:template>
  <xsl:template match="entry[. = 'authreg']"><li><a href="{/page/@cgi}/autorisasjon">Autorisasjonsregister</a><p class="menu-desc">Hvem som har tilgang, hvem som inviterte dem, og hver endring av tilgangen.</p></li></xsl:template>
  <xsl:template match="entry[. = 'overforing']"><li><a href="{/page/@cgi}/overforing">Sluttdato og overføring til KORFOR</a><p class="menu-desc">Sett sluttdato og overføringsdato, og overfør kommunens kartlegginger til KORFOR.</p></li></xsl:template>
  <xsl:template match="entry[. = 'overforte']"><li><a href="{/page/@cgi}/overforte">Overførte kartlegginger (CSV)</a><p class="menu-desc">Last ned de overførte, pseudonymiserte kartleggingene for hver kommune.</p></li></xsl:template>
  <xsl:template match="entry[. = 'rapport']"><li><a href="{/page/@cgi}/rapport">Rapporter</a><p class="menu-desc">Kommunerapporten, og rapportene for bydel, region og hele landet.</p></li></xsl:template>
  <xsl:template match="entry[. = 'reservasjon']"><li><a href="{/page/@cgi}/reservasjon">Reservasjoner</a><p class="menu-desc">Sjekk, lag og slett reservasjoner mot kartlegging.</p></li></xsl:template>
  <xsl:template match="entry[. = 'informasjonsskriv']"><li><a href="{/page/@cgi}/informasjonsskriv">Informasjonsskriv</a><p class="menu-desc">Skrivet brukerne skal få før kartleggingen: rettighetene og fristen.</p></li></xsl:template>
  <xsl:template match="entry[. = 'endringslogger']"><li><a href="{/page/@cgi}/endringslogger">Endringslogger</a><p class="menu-desc">Hva som er gjort i kommunens kartlegginger i år, uten fødselsnummer.</p></li></xsl:template>
  <xsl:template match="entry[. = 'tilgangslogg']"><li><a href="{/page/@cgi}/tilgangslogg">Tilgangslogg</a><p class="menu-desc">Innlogginger, oppslag, nedlastinger og endringer av tilganger i ditt ansvarsområde.</p></li></xsl:template>
  <xsl:template match="entry[. = 'welcome']"><li><a href="{/page/@cgi}/welcome">Velkomstmelding</a><p class="menu-desc">Meldingen alle ser første gang de logger inn etter at den er endret.</p></li></xsl:template>
</xsl:stylesheet>
