"""Pure functions: canonical URLs, breadcrumb trails and schema.org JSON-LD."""

def canonical_url(origin, output_file):
    """The absolute address of a written file, without a trailing index.html."""
    path = output_file[: -len("index.html")] if output_file.endswith("index.html") else output_file
    return f"{origin}/{path}"


def absolute(origin, url):
    return f"{origin}/{url.lstrip('/')}"


def breadcrumb_trail(item, settings):
    """[(label, site-relative URL or None for the current page)] for an article or page."""
    trail = [("Home", "")]
    if hasattr(item, "tags"):  # an article: through the archive and its first topic
        trail.append(("Articles", settings["ARCHIVES_URL"]))
        if item.tags:
            trail.append((item.tags[0].name, item.tags[0].url))
    return trail + [(item.title, None)]  # fields are plain text (content_checks)


def breadcrumb_list(trail, origin, current_url):
    """schema.org BreadcrumbList for a trail as breadcrumb_trail returns it."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": label,
             "item": absolute(origin, url) if url is not None else current_url}
            for position, (label, url) in enumerate(trail, start=1)
        ],
    }


def organization(practice, origin, logo_url):
    """The practice as a schema.org MedicalBusiness (a health practice open to the public)."""
    address = practice["address"]
    return {
        "@context": "https://schema.org",
        "@type": "MedicalBusiness",
        "@id": f"{origin}/#practice",
        "name": practice["full_name"],
        "alternateName": practice["name"],
        "description": practice["about"],
        "url": f"{origin}/",
        "logo": logo_url,
        "image": logo_url,
        "telephone": practice["phone_e164"],
        "email": practice["email"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "addressLocality": address["locality"],
            "addressRegion": address["region"],
            "postalCode": address["postal_code"],
            "addressCountry": address["country"],
        },
        "areaServed": practice["area_served"],
        "medicalSpecialty": "Psychiatric",
    }


def blog_posting(article, origin, practice, logo_url):
    """schema.org BlogPosting for an article.

    A clinician's review is a property of the page (schema.org puts reviewedBy
    and lastReviewed on WebPage), so it sits on mainEntityOfPage."""
    url = absolute(origin, article.url)
    page = {"@type": "WebPage", "@id": url}
    reviewer = getattr(article, "reviewer_profile", None)
    if getattr(article, "reviewed_by", None) and getattr(article, "reviewed_on", None):
        page["reviewedBy"] = (person_reference(reviewer, origin) if reviewer
                              else {"@type": "Organization", "@id": f"{origin}/#practice"})
        page["lastReviewed"] = article.reviewed_on.date().isoformat()
    author = getattr(article, "author_profile", None)
    modified = getattr(article, "modified", None) or article.date
    return {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": page,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "author": (person_reference(author, origin) if author else
                   {"@type": "Organization", "@id": f"{origin}/#practice", "name": str(article.author),
                    "url": f"{origin}/about/"}),
        # The practice in full (logo, address) is on the home and contact pages, by this @id.
        "publisher": {"@type": "Organization", "@id": f"{origin}/#practice", "name": practice["full_name"]},
        "about": [{"@type": "Thing", "name": tag.name, "url": absolute(origin, tag.url)}
                  for tag in article.tags],
        "image": logo_url,
        "inLanguage": "en",
    }


# --- The team (uplift.site.team): each clinician a Person, with their license ------------

def person_id(member, origin):
    return f"{absolute(origin, member.url)}#person"


def person_reference(member, origin):
    """Enough of a Person to point at the full one on its profile page."""
    return {"@type": "Person", "@id": person_id(member, origin), "name": member.name,
            "url": absolute(origin, member.url)}


def person(member, origin, photo_url=None):
    """A clinician: schema.org Person with the license as a credential (they are not physicians)."""
    data = {
        "@type": "Person",
        "@id": person_id(member, origin),
        "name": member.name,
        "honorificSuffix": member.credentials,
        "jobTitle": member.role,
        "description": member.summary,
        "url": absolute(origin, member.url),
        "worksFor": {"@id": f"{origin}/#practice"},
        "knowsLanguage": member.languages,
        "knowsAbout": [topic.name for topic in member.specialties] + member.approach,
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "name": member.license,
            "identifier": member.license_number,
            "recognizedBy": {"@type": "GovernmentOrganization", "name": member.license_board},
            "validIn": [{"@type": "State", "name": state} for state in member.license_states],
            **({"url": member.license_lookup} if member.license_lookup else {}),
        },
    }
    if photo_url:
        data["image"] = photo_url
    return data


def profile_page(member, origin, photo_url=None):
    """schema.org ProfilePage whose main entity is the clinician."""
    url = absolute(origin, member.url)
    return {"@context": "https://schema.org", "@type": "ProfilePage", "@id": url, "url": url,
            "name": f"{member.name}, {member.credentials}", "mainEntity": person(member, origin, photo_url)}


def team_page(members, practice, origin, logo_url):
    """The practice with every clinician as an employee."""
    data = organization(practice, origin, logo_url)
    data["employee"] = [person(member, origin) for member in members]
    return data
