<?xml version="1.0" encoding="UTF-8"?>
<!-- admin.xsl: "Kartleggere i <kommune>". Model: <kommune nr name>, <accounts><account id
     name email instans tjenestetype role tilbakekalt can-suspend/></accounts>. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">Kartleggere i <xsl:value-of select="kommune/@name"/></xsl:template>

  <xsl:template match="page" mode="main">
    <p><a href="{@cgi}/invite">Inviter kartleggere</a></p>
    <xsl:choose>
      <xsl:when test="not(accounts/account)"><p>Ingen brukerkontoer i <xsl:value-of select="kommune/@name"/> ennå.</p></xsl:when>
      <xsl:otherwise>
        <table class="data">
          <caption class="visually-hidden">Brukerkontoer i <xsl:value-of select="kommune/@name"/></caption>
          <thead>
            <tr><th scope="col">Navn</th><th scope="col">E-post</th><th scope="col">Instans</th><th scope="col">Tjenestetype</th><th scope="col">Roller</th><th scope="col">Suspender</th><th scope="col">Kartlegginger</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="accounts/account">
              <tr>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:value-of select="@email"/></td>
                <td><xsl:value-of select="@instans"/></td>
                <td><xsl:value-of select="@tjenestetype"/></td>
                <td><xsl:value-of select="@role"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@tilbakekalt">Suspendert <xsl:value-of select="@tilbakekalt"/></xsl:when>
                    <xsl:when test="@can-suspend"><a class="button secondary" href="{/page/@cgi}/admin/suspender?id={@id}">Suspender<span class="visually-hidden"><xsl:text> </xsl:text><xsl:value-of select="@name"/></span></a></xsl:when>
                  </xsl:choose>
                </td>
                <td><a href="{/page/@cgi}/handover?fra={@id}">Overfør kartlegginger<span class="visually-hidden"> fra <xsl:value-of select="@name"/></span></a></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
