<?xml version="1.0" encoding="UTF-8"?>
<!-- invite.xsl: "Inviter til Brukerplan". Model: <roles><role id>title</role></roles>,
     <regions>, <kommuner> (with bydeler), <me role instans bydel>, <instanser><instans/>
     </instanser> (the kommune's instans names, for a kommunekontakt), <values role region kommune
     instans count uses>, <created><url/></created> once after making links, and
     <links><link id by role where instans uses left created expires state active/></links>:
     the links the reader administers (its own; a kommunekontakt its kommune's, KORUS its
     region's, KORFOR all). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="form.xsl"/>
  <xsl:include href="select.xsl"/>

  <xsl:template match="page" mode="title">Inviter til Brukerplan</xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:if test="created">
      <section class="card created" aria-labelledby="nye">
        <h2 id="nye">Nye registreringslenker</h2>
        <p>Kopier lenkene nå og send dem til dem som skal registrere seg. Av hensyn til sikkerheten vises de ikke igjen.</p>
        <ul class="links">
          <xsl:for-each select="created/url"><li><code><xsl:value-of select="."/></code></li></xsl:for-each>
        </ul>
      </section>
    </xsl:if>
    <section aria-labelledby="invitasjon">
      <h2 id="invitasjon">Invitasjon</h2>
      <p>Lag registreringslenker som kan sendes ut og brukes til å registrere seg i Brukerplan. Lenkene er gyldige i 30 dager, eller til de er oppbrukt.</p>
      <form method="post" action="{@cgi}/invite" class="narrow">
        <xsl:call-template name="csrf"/>
        <input type="hidden" name="handling" value="lag"/>
        <xsl:choose>
          <xsl:when test="me/@role = 'kartlegger'">
            <!-- a kartlegger invites kartleggere in its own instans only -->
            <input type="hidden" name="rolle" value="kartlegger"/>
            <input type="hidden" name="kommune" value="{kommuner/kommune[1]/@nr}"/>
            <input type="hidden" name="instans" value="{me/@instans}"/>
            <dl class="facts">
              <dt>Tilhørighet</dt><dd>Kartlegger</dd>
              <dt>Kommune</dt><dd><xsl:value-of select="kommuner/kommune[1]/@name"/></dd>
              <xsl:if test="me/@bydel != ''"><dt>Bydel</dt><dd><xsl:value-of select="me/@bydel"/></dd></xsl:if>
              <dt>Instans</dt><dd><xsl:value-of select="me/@instans"/></dd>
            </dl>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="select">
              <xsl:with-param name="name">rolle</xsl:with-param>
              <xsl:with-param name="label">Tilhørighet (obligatorisk)</xsl:with-param>
              <xsl:with-param name="options">
                <xsl:if test="count(roles/role) &gt; 1"><option value="">Velg tilhørighet</option></xsl:if>
                <xsl:for-each select="roles/role">
                  <option value="{@id}"><xsl:if test="@id = /page/values/@role"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="."/></option>
                </xsl:for-each>
              </xsl:with-param>
            </xsl:call-template>
            <xsl:if test="roles/role[@id = 'korus']">
              <xsl:call-template name="select">
                <xsl:with-param name="name">region</xsl:with-param>
                <xsl:with-param name="label">KORUS-region (for tilhørighet KORUS)</xsl:with-param>
                <xsl:with-param name="options">
                  <xsl:if test="count(regions/region) &gt; 1"><option value="">Velg region</option></xsl:if>
                  <xsl:for-each select="regions/region">
                    <option value="{@id}"><xsl:if test="@id = /page/values/@region"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
                  </xsl:for-each>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
            <xsl:if test="roles/role[@id = 'kommunekontakt' or @id = 'kartlegger']">
              <xsl:call-template name="select">
                <xsl:with-param name="name">kommune</xsl:with-param>
                <xsl:with-param name="label">Kommune/bydel (for tilhørighet Kommune og Kartlegger)</xsl:with-param>
                <xsl:with-param name="options">
                  <xsl:if test="count(kommuner/kommune) &gt; 1"><option value="">Velg kommune eller bydel</option></xsl:if>
                  <xsl:apply-templates select="kommuner/kommune" mode="options"/>
                </xsl:with-param>
              </xsl:call-template>
            </xsl:if>
            <xsl:if test="roles/role[@id = 'kartlegger']">
              <xsl:call-template name="field">
                <xsl:with-param name="name">instans</xsl:with-param>
                <xsl:with-param name="label">Instans (obligatorisk for tilhørighet Kartlegger)</xsl:with-param>
                <xsl:with-param name="hint">Navnet på instansen kartleggeren tilhører, avklart med kommunekontakten, for eksempel «NAV Hundvåg og Storhaug» eller «psykisk helseteam ung». Velg en instans som finnes fra før, eller skriv et nytt navn (høyst 100 tegn).</xsl:with-param>
                <xsl:with-param name="value" select="values/@instans"/>
                <xsl:with-param name="required" select="false()"/>
                <xsl:with-param name="maxlength">100</xsl:with-param>
                <xsl:with-param name="list"><xsl:if test="instanser/instans">instanser</xsl:if></xsl:with-param>
              </xsl:call-template>
              <xsl:if test="instanser/instans">
                <datalist id="instanser">
                  <xsl:for-each select="instanser/instans"><option value="{.}"/></xsl:for-each>
                </datalist>
                <details class="help">
                  <summary>Instanser i kommunen</summary>
                  <ul><xsl:for-each select="instanser/instans"><li><xsl:value-of select="."/></li></xsl:for-each></ul>
                </details>
              </xsl:if>
            </xsl:if>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="field">
          <xsl:with-param name="name">antall</xsl:with-param>
          <xsl:with-param name="label">Antall lenker</xsl:with-param>
          <xsl:with-param name="hint">Én unik lenke per person: velg antall personer (høyst <xsl:value-of select="values/@count-max"/> om gangen) og 1 tilgang per lenke.</xsl:with-param>
          <xsl:with-param name="type">number</xsl:with-param>
          <xsl:with-param name="value" select="values/@count"/>
          <xsl:with-param name="min">1</xsl:with-param>
          <xsl:with-param name="max" select="values/@count-max"/>
        </xsl:call-template>
        <xsl:call-template name="field">
          <xsl:with-param name="name">tilganger</xsl:with-param>
          <xsl:with-param name="label">Maksimalt antall tilganger per lenke</xsl:with-param>
          <xsl:with-param name="hint">Én lenke som kan sendes til flere: velg 1 lenke og så mange tilganger som personer du sender den til.</xsl:with-param>
          <xsl:with-param name="type">number</xsl:with-param>
          <xsl:with-param name="value" select="values/@uses"/>
          <xsl:with-param name="min">1</xsl:with-param>
          <xsl:with-param name="max" select="values/@uses-max"/>
        </xsl:call-template>
        <button type="submit">Lag registreringslenker</button>
      </form>
    </section>
    <section aria-labelledby="dine">
      <h2 id="dine">
        <xsl:choose>
          <xsl:when test="me/@role = 'kartlegger'">Dine registreringslenker</xsl:when>
          <xsl:when test="me/@role = 'kommunekontakt'">Registreringslenker i kommunen</xsl:when>
          <xsl:when test="me/@role = 'korus'">Registreringslenker i regionen</xsl:when>
          <xsl:otherwise>Alle registreringslenker</xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:if test="me/@role != 'kartlegger'"><p>Du ser og kan trekke tilbake alle lenker som gir tilgang i ditt ansvarsområde, også dem andre har laget. Lenkene til en konto som suspenderes, trekkes tilbake med en gang.</p></xsl:if>
      <xsl:choose>
        <xsl:when test="not(links/link)"><p>Ingen registreringslenker ennå.</p></xsl:when>
        <xsl:otherwise>
          <table class="data">
            <caption class="visually-hidden">Registreringslenker</caption>
            <thead>
              <tr><th scope="col">Laget av</th><th scope="col">Tilhørighet</th><th scope="col">Kommune, bydel eller region</th><th scope="col">Instans</th><th scope="col">Tilganger igjen</th><th scope="col">Laget</th><th scope="col">Gyldig til</th><th scope="col">Status</th><th scope="col"><span class="visually-hidden">Handling</span></th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="links/link">
                <tr>
                  <td><xsl:value-of select="@by"/></td>
                  <td><xsl:value-of select="@role"/></td>
                  <td><xsl:value-of select="@where"/></td>
                  <td><xsl:value-of select="@instans"/></td>
                  <td><xsl:value-of select="@left"/> av <xsl:value-of select="@uses"/></td>
                  <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@created"/></xsl:call-template></td>
                  <td><xsl:call-template name="dato"><xsl:with-param name="d" select="@expires"/></xsl:call-template></td>
                  <td><xsl:value-of select="@state"/></td>
                  <td>
                    <xsl:if test="@active = '1'">
                      <form method="post" action="{/page/@cgi}/invite" class="inline">
                        <xsl:call-template name="csrf"/>
                        <input type="hidden" name="handling" value="trekk"/>
                        <input type="hidden" name="lenke" value="{@id}"/>
                        <button type="submit" class="danger">Trekk tilbake<span class="visually-hidden"> lenken laget <xsl:call-template name="dato"><xsl:with-param name="d" select="@created"/></xsl:call-template> av <xsl:value-of select="@by"/> for <xsl:value-of select="@role"/></span></button>
                      </form>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="kommune" mode="options">
    <option value="{@nr}"><xsl:if test="@nr = /page/values/@kommune"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/></option>
    <xsl:for-each select="bydel">
      <option value="{@nr}"><xsl:if test="@nr = /page/values/@kommune"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="../@name"/> – bydel <xsl:value-of select="@name"/></option>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
