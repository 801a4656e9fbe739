# form.awk: the fields a browser sends when the survey form (<form id="skjema">) of a
# skjema page is submitted, one "name=value" per line, URL-encoded: hidden and text inputs,
# ticked radio buttons and boxes, the chosen option of each select (the form has no
# textarea). Buttons are left out: the caller adds handling=lagre. The page is ours
# (xslt/skjema.xsl), so tags are split on "<" without a general HTML parser: attribute
# values never hold a raw "<".
BEGIN {
	RS = "<"
	for (i = 0; i < 256; i++)
		ord[sprintf("%c", i)] = i
}

function attr(name,    m) {
	if (!match($0, "[ \t\n]" name "=\"[^\"]*\""))
		return ""
	m = substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
	gsub(/&quot;/, "\"", m)
	gsub(/&lt;/, "<", m)
	gsub(/&gt;/, ">", m)
	gsub(/&#39;/, "'", m)
	gsub(/&amp;/, "\\&", m)
	return m
}

function has(name) {
	return $0 ~ ("[ \t\n]" name "([ \t\n=/>]|$)")
}

function enc(s,    out, c, i) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c ~ /[A-Za-z0-9._~-]/)
			out = out c
		else
			out = out sprintf("%%%02X", ord[c])
	}
	return out
}

function emit(name, value) {
	print enc(name) "=" enc(value)
}

/^form[ \t\n]/ && attr("id") == "skjema" { inform = 1; next }
/^\/form>/ { inform = 0; next }
!inform { next }
/^select[ \t\n]/ { sel = has("disabled") ? "" : attr("name"); chosen = ""; first = 1; next }
/^option[ \t\n]/ && sel != "" {
	# with no option marked selected the browser sends the first
	if (first || has("selected"))
		chosen = attr("value")
	first = 0
	next
}
/^\/select>/ {
	if (sel != "")
		emit(sel, chosen)
	sel = ""
	next
}
/^input[ \t\n]/ && !has("disabled") && attr("name") != "" {
	t = attr("type")
	if (t == "radio" || t == "checkbox") {
		if (has("checked"))
			emit(attr("name"), attr("value"))
	} else if (t != "submit" && t != "button" && t != "image" && t != "reset" && t != "file")
		emit(attr("name"), attr("value"))
}
