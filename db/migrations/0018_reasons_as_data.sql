-- The matcher's reasons as data, not Dutch sentences (issue #17): intervision_member.reasons
-- becomes a jsonb list of {code, ...values} (app/modules/intervisie/reasons.ts), said in the
-- reader's language. The stored sentences are read back by the patterns reasonsFor used to
-- write them (topic labels to their keys, bands to their survey labels); a sentence that fits
-- none is kept as {"code":"text"} and shown as it is. The helper functions live in pg_temp and
-- go with this migration.
CREATE FUNCTION pg_temp.match_reason(r text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  m text[];
  share constant text := ' \((\d+) van (\d+) groepsgenoten\)$';
  topic_keys jsonb;
BEGIN
  IF r = 'geen gemeenschappelijke kenmerken met de groepsgenoten' THEN
    RETURN '{"code":"nothingShared"}'::jsonb;
  END IF;
  IF r = 'toegelaten na een aanvraag' THEN
    RETURN '{"code":"admitted"}'::jsonb;
  END IF;
  m := regexp_match(r, '^zelfde type: (.+)' || share);
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object(
      'code', 'sameType',
      'type', CASE WHEN m[1] IN ('archief', 'omroep', 'museum', 'overig', 'onbekend') THEN initcap(m[1]) ELSE m[1] END,
      'count', m[2]::int, 'of', m[3]::int);
  END IF;
  m := regexp_match(r, '^zelfde provincie, komt graag fysiek: (.*)' || share);
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'sameProvince', 'province', m[1], 'count', m[2]::int, 'of', m[3]::int);
  END IF;
  -- Bands were shown as "1–5 fte" and "25–50 %"; stored as the survey's labels "1-5 fte", "25-50%".
  m := regexp_match(r, '^vergelijkbare omvang: (.+)' || share);
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object(
      'code', 'similarSize', 'band', replace(replace(m[1], '–', '-'), ' %', '%'),
      'count', m[2]::int, 'of', m[3]::int);
  END IF;
  m := regexp_match(r, '^vergelijkbare digitale volwassenheid: (.+) gedigitaliseerd' || share);
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object(
      'code', 'similarMaturity', 'band', replace(replace(m[1], '–', '-'), ' %', '%'),
      'count', m[2]::int, 'of', m[3]::int);
  END IF;
  m := regexp_match(r, '^(gedeelde behoeften|iemand in de groep kan helpen met|kan anderen helpen met): (.+)$');
  IF m IS NOT NULL THEN
    -- Every label must be a known topic, else the sentence stays as text.
    SELECT CASE WHEN bool_and(t.key IS NOT NULL) THEN jsonb_agg(t.key ORDER BY l.n) END
      INTO topic_keys
      FROM unnest(string_to_array(m[2], ', ')) WITH ORDINALITY AS l(label, n)
      LEFT JOIN (VALUES
        ('metadatering', 'metadata'),
        ('digitalisering', 'digitisation'),
        ('auteursrecht en OOC', 'copyright'),
        ('uitbesteden', 'outsourcing'),
        ('duurzame opslag', 'storage'),
        ('born digital', 'born_digital'),
        ('AVG en privacy', 'avg'),
        ('AI en spraakherkenning', 'ai'),
        ('dragerkennis', 'carriers'),
        ('financiering en subsidies', 'funding'),
        ('selectie en av-beleid', 'policy'),
        ('kennis borgen', 'knowledge_retention')
      ) AS t(label, key) ON t.label = l.label;
    IF topic_keys IS NOT NULL THEN
      RETURN jsonb_build_object(
        'code', CASE m[1]
          WHEN 'gedeelde behoeften' THEN 'sharedNeeds'
          WHEN 'iemand in de groep kan helpen met' THEN 'helpedWith'
          ELSE 'canHelp' END,
        'topics', topic_keys);
    END IF;
  END IF;
  RETURN jsonb_build_object('code', 'text', 'text', r);
END
$$;
--> statement-breakpoint
CREATE FUNCTION pg_temp.match_reasons(rs text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(jsonb_agg(pg_temp.match_reason(r) ORDER BY n), '[]'::jsonb)
  FROM unnest(rs) WITH ORDINALITY AS u(r, n)
$$;
--> statement-breakpoint
ALTER TABLE "intervision_member" ALTER COLUMN "reasons" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "intervision_member" ALTER COLUMN "reasons" SET DATA TYPE jsonb USING pg_temp.match_reasons("reasons");--> statement-breakpoint
ALTER TABLE "intervision_member" ALTER COLUMN "reasons" SET DEFAULT '[]'::jsonb;--> statement-breakpoint
DROP FUNCTION pg_temp.match_reasons(text[]);--> statement-breakpoint
DROP FUNCTION pg_temp.match_reason(text);
