<?xml version="1.0" encoding="UTF-8"?>
<!-- register-terms.xsl: the terms of use a new account accepts (bruksvilkår). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Bruksvilkår for Brukerplan</xsl:template>

  <xsl:template match="page" mode="main">
    <p>Brukerplan er et nasjonalt helseregister (Forskrift om Brukerplan) med opplysninger om personer som har rusmiddelproblemer og/eller psykiske helseproblemer og som mottar kommunale tjenester. Kommunen er dataansvarlig for opplysningene frem til de overføres til Helse Stavanger. Når du tar i bruk kontoen din, godtar du disse vilkårene:</p>
    <ol class="terms">
      <li>Kontoen er personlig. Du deler ikke passord, engangskoder eller autentiseringsappen med andre, og du logger ut når du er ferdig.</li>
      <li>Du har taushetsplikt om opplysningene du ser og registrerer i Brukerplan.</li>
      <li>Du kartlegger bare personer som oppfyller kriteriene for kartlegging og som har fått informasjon om kartleggingen og om retten til å reservere seg.</li>
      <li>Du bruker opplysningene bare til formålet med Brukerplan. Du laster ned kartlegginger bare når en bruker ber om innsyn, og sletter kopiene når innsynet er gitt.</li>
      <li>Du melder fra til kommunekontakten eller KORUS hvis du tror kontoen din er misbrukt, og før du slutter eller skal ha lengre fravær, slik at kartleggingene dine kan overføres og kontoen suspenderes.</li>
      <li>All bruk av Brukerplan logges. Loggene brukes til å følge opp informasjonssikkerhet og personvern, og til å gi brukerne innsyn i hvem som har sett eller endret opplysninger om dem.</li>
    </ol>
    <p>Behandlingen av personopplysninger i Brukerplan er beskrevet i personvernerklæringen på brukerplan.no.</p>
  </xsl:template>
</xsl:stylesheet>
