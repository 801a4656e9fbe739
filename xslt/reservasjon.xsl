<?xml version="1.0" encoding="UTF-8"?>
<!-- reservasjon.xsl: "Reservasjoner": check, make and delete a reservasjon by
     fødselsnummer (2025 manual, "Reservasjon"). Model: <typed handling fnr/> (what was
     typed into one form, to be corrected); the answer comes as a <message>; <confirm fnr
     doomed/> asks before a reservasjon (doomed: the kommune's surveys it deletes). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>

  <xsl:template match="page" mode="title">Reservasjoner</xsl:template>

  <xsl:template match="page[confirm]" mode="main">
    <section class="card" aria-labelledby="h-bekreft">
      <h2 id="h-bekreft">Bekreft reservasjonen</h2>
      <p>Fødselsnummeret «<xsl:value-of select="confirm/@fnr"/>» blir reservert mot kartlegging i kommunen i <xsl:value-of select="@year"/>. Reservasjonen gjelder for alle kartleggere i kommunen.</p>
      <p class="lead">
        <xsl:choose>
          <xsl:when test="confirm/@doomed = 0">Ingen kartlegginger i kommunen blir slettet.</xsl:when>
          <xsl:when test="confirm/@doomed = 1">1 kartlegging i kommunen blir slettet. Det kan ikke angres.</xsl:when>
          <xsl:otherwise><xsl:value-of select="confirm/@doomed"/> kartlegginger i kommunen blir slettet. Det kan ikke angres.</xsl:otherwise>
        </xsl:choose>
      </p>
      <form method="post" action="{@cgi}/reservasjon">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="lag"/>
        <input type="hidden" name="fnr" value="{confirm/@fnr}"/>
        <input type="hidden" name="bekreft" value="ja"/>
        <button type="submit" class="danger">
          <xsl:choose>
            <xsl:when test="confirm/@doomed = 0">Reserver</xsl:when>
            <xsl:when test="confirm/@doomed = 1">Reserver og slett 1 kartlegging</xsl:when>
            <xsl:otherwise>Reserver og slett <xsl:value-of select="confirm/@doomed"/> kartlegginger</xsl:otherwise>
          </xsl:choose>
        </button>
        <xsl:text> </xsl:text>
        <a href="{@cgi}/reservasjon">Avbryt</a>
      </form>
    </section>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <p>Her kan fødselsnummer reserveres mot kartlegging. Reservasjonen gjelder for alle kartleggere i din kommune, for årets kartlegging (<xsl:value-of select="@year"/>). En reservasjon fra i fjor gjelder ikke i år: en bruker som fortsatt ikke vil kartlegges, må reserveres på nytt.</p>
    <p>En ny reservasjon sletter automatisk en eksisterende kartlegging av personen i kommunen i <xsl:value-of select="@year"/>.</p>
    <xsl:call-template name="res-form">
      <xsl:with-param name="handling">sjekk</xsl:with-param>
      <xsl:with-param name="heading">Sjekk reservasjon</xsl:with-param>
      <xsl:with-param name="text">Finn ut om et fødselsnummer er reservert eller ikke.</xsl:with-param>
      <xsl:with-param name="button">Sjekk</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="res-form">
      <xsl:with-param name="handling">lag</xsl:with-param>
      <xsl:with-param name="heading">Lag reservasjon</xsl:with-param>
      <xsl:with-param name="text">Reserver fødselsnummer.</xsl:with-param>
      <xsl:with-param name="button">Reserver</xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="res-form">
      <xsl:with-param name="handling">slett</xsl:with-param>
      <xsl:with-param name="heading">Slett reservasjon</xsl:with-param>
      <xsl:with-param name="text">Slett fødselsnummer-reservasjon.</xsl:with-param>
      <xsl:with-param name="button">Slett</xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- one of the three forms: each posts handling and fnr; its field's id tells them apart -->
  <xsl:template name="res-form">
    <xsl:param name="handling"/>
    <xsl:param name="heading"/>
    <xsl:param name="text"/>
    <xsl:param name="button"/>
    <section class="card" aria-labelledby="h-{$handling}">
      <h2 id="h-{$handling}"><xsl:value-of select="$heading"/></h2>
      <p><xsl:value-of select="$text"/></p>
      <form method="post" action="{/page/@cgi}/reservasjon" class="narrow" novalidate="novalidate">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="{$handling}"/>
        <xsl:call-template name="field">
          <xsl:with-param name="name">fnr</xsl:with-param>
          <xsl:with-param name="id" select="concat($handling, '-fnr')"/>
          <xsl:with-param name="label">Fødselsnummer</xsl:with-param>
          <xsl:with-param name="value" select="/page/typed[@handling = $handling]/@fnr"/>
          <xsl:with-param name="hint">11 siffer.</xsl:with-param>
          <xsl:with-param name="inputmode">numeric</xsl:with-param>
          <xsl:with-param name="autocomplete">off</xsl:with-param>
          <xsl:with-param name="maxlength">13</xsl:with-param>
        </xsl:call-template>
        <button type="submit">
          <xsl:if test="$handling != 'sjekk'"><xsl:attribute name="class">danger</xsl:attribute></xsl:if>
          <xsl:value-of select="$button"/>
        </button>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
