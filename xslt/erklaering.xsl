<?xml version="1.0" encoding="UTF-8"?>
<!-- erklaering.xsl: the public statements. Model: <statement kind=tilgjengelighet|personvern
     controller controller-contact a11y-contact a11y-date audit-months/>. The texts are
     the product's own; the names, addresses and the date come from the configuration. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="statement/@kind = 'tilgjengelighet'">Tilgjengelighetserklæring for Brukerplan</xsl:when>
      <xsl:otherwise>Personvernerklæring for Brukerplan</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="contact">
    <xsl:param name="address"/>
    <xsl:choose>
      <xsl:when test="contains($address, '@')"><a href="mailto:{$address}"><xsl:value-of select="$address"/></a></xsl:when>
      <xsl:when test="$address != ''"><xsl:value-of select="$address"/></xsl:when>
      <xsl:otherwise>ikke oppgitt ennå (driftsansvarlig setter den i konfigurasjonen)</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[statement/@kind = 'tilgjengelighet']" mode="main">
    <xsl:variable name="s" select="statement"/>
    <p><xsl:value-of select="$s/@controller"/> har ansvaret for at Brukerplan følger kravene til universell utforming av IKT (likestillings- og diskrimineringsloven § 18 og forskrift om universell utforming av IKT-løsninger), som viser til WCAG 2.1 på nivå A og AA.</p>
    <xsl:if test="$s/@a11y-date != ''">
      <p class="aside">Erklæringen ble sist oppdatert <xsl:call-template name="dato"><xsl:with-param name="d" select="$s/@a11y-date"/></xsl:call-template>.</p>
    </xsl:if>

    <h2>Status</h2>
    <p>Brukerplan oppfyller kravene i WCAG 2.1 på nivå A og AA, med avviket nedenfor. Alle sider kan brukes med tastatur og skjermleser, også uten JavaScript, og på skjermer ned til 320 piksler bredde.</p>

    <h2>Avvik fra kravene</h2>
    <ul>
      <li><strong>2.2.1 Justerbar hastighet:</strong> Av hensyn til personvernet avsluttes en innlogging etter 30 minutter uten aktivitet, og etter 12 timer uansett, uten varsel på forhånd. Svar som ikke er lagret når økten avsluttes, går tapt. Skjemaet lagres hver gang du bytter fane eller trykker Lagre, så lagre ofte.</li>
    </ul>

    <h2>Slik har vi testet</h2>
    <p>Hver side er testet automatisk med axe-core (reglene for WCAG 2.0 og 2.1, nivå A og AA) i nettleseren Chromium, også med 320 piksler bredde, hver gang programmet endres. Testene fyller også ut skjemaene med tastatur, og bruker sidene uten JavaScript. Testene er gjort av dem som utvikler Brukerplan (egenvurdering). PDF-dokumentene (innsyn, informasjonsskriv og rapporter) er merket med tittel, språk og overskrifter, men er ikke testet med skjermleser.</p>

    <h2>Tilbakemelding og kontakt</h2>
    <p>Opplever du problemer med å bruke Brukerplan, eller finner du noe som ikke er universelt utformet? Gi beskjed til <xsl:call-template name="contact"><xsl:with-param name="address" select="$s/@a11y-contact"/></xsl:call-template>.</p>

    <h2>Tilsyn og klage</h2>
    <p>Tilsynet for universell utforming av ikt i Digitaliseringsdirektoratet fører tilsyn med at kravene følges. Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til tilsynet på <a href="https://www.uutilsynet.no/">uutilsynet.no</a>.</p>
  </xsl:template>

  <xsl:template match="page[statement/@kind = 'personvern']" mode="main">
    <xsl:variable name="s" select="statement"/>
    <p>Brukerplan er et nasjonalt helseregister med opplysninger om personer som har rusmiddelproblemer og/eller psykiske helseproblemer og som mottar kommunale tjenester. Her står hvilke opplysninger som behandles, hvorfor, og hvilke rettigheter du har.</p>

    <h2>Formål</h2>
    <p>Kommunene kartlegger omfanget av tjenester og behovet for tjenester til denne gruppen. Registeret gir kommunene og sentrale myndigheter et kunnskapsgrunnlag for planlegging, styring, finansiering, evaluering og kvalitetsforbedring av tjenestene. Opplysningene kan også brukes til forskning.</p>

    <h2>Rettslig grunnlag</h2>
    <p>Behandlingen reguleres av personvernforordningen (GDPR), personopplysningsloven, helseregisterloven og <a href="https://lovdata.no/dokument/SF/forskrift/2023-10-27-1713">Forskrift om Brukerplan</a>. Det er gjennomført en personvernkonsekvensvurdering (DPIA).</p>

    <h2>Hvilke opplysninger som behandles</h2>
    <ul>
      <li>Om den som kartlegges: fødselsnummer, kjønn, fødselsår og alder, kommune og bydel, og kartleggerens vurdering av bosituasjon, barn, planer og samarbeid, levekår (rusmiddelbruk, psykisk helse og annet) og tjenester som mottas og trengs. Kartleggingen er et øyeblikksbilde fra de siste 1–2 kontaktene.</li>
      <li>Om dem som bruker Brukerplan: navn, e-postadresse, instans, rolle, hvem som inviterte dem, og en logg over innlogginger, oppslag, nedlastinger og endringer av tilganger.</li>
    </ul>

    <h2>Behandlingsansvarlig</h2>
    <p>Behandlingsansvarlig for registeret er <xsl:value-of select="$s/@controller"/>. Kontakt: <xsl:call-template name="contact"><xsl:with-param name="address" select="$s/@controller-contact"/></xsl:call-template>. Frem til kartleggingen er overført, er kommunen ansvarlig for å informere de som kartlegges og for å ivareta rettighetene deres.</p>

    <h2>Dine rettigheter</h2>
    <p>Du skal få informasjon før du kartlegges, med fristen for rettighetene dine. Du har rett til</p>
    <ul>
      <li><strong>reservasjon</strong>: å reservere deg mot å bli kartlagt. Da kan ingen i kommunen kartlegge deg det året, og en kartlegging som alt er gjort, slettes;</li>
      <li><strong>innsyn</strong>: å se hva som er registrert om deg;</li>
      <li><strong>retting</strong>: å få rettet opplysninger som er feil;</li>
      <li><strong>sletting</strong>: å få slettet kartleggingen.</li>
    </ul>
    <p>Gi beskjed til en kartlegger i kommunen din. Fristen er kommunens overføringsdato, senest 31. desember: da overføres kartleggingen til Helse Stavanger uten fødselsnummer, og den kan ikke lenger knyttes til deg. Innsyn gis ikke på e-post. Mener du at opplysningene dine er behandlet i strid med regelverket, kan du klage til <a href="https://www.datatilsynet.no/">Datatilsynet</a>.</p>

    <h2>Lagring, sikkerhet og sletting</h2>
    <ul>
      <li>I kommunen lagres hver kartlegging kryptert, og fødselsnummeret brukes bare til å hindre at samme person kartlegges to ganger, til reservasjon og til innsyn.</li>
      <li>Ved overføringen erstattes fødselsnummeret med et pseudonym som bare registeret kan lage, kartlegginger med feil slettes, og kommunens kopi slettes.</li>
      <li>Bare innloggede brukere med engangskode (eller ID-porten) har tilgang, og bare til det rollen deres gjelder. Hver endring av en kartlegging føres i dens endringslogg, og innlogginger, oppslag og nedlastinger i en tilgangslogg som slettes etter <xsl:value-of select="$s/@audit-months"/> måneder.</li>
    </ul>
  </xsl:template>
</xsl:stylesheet>
