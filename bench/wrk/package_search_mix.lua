-- wrk script for `Gongshu.Bench ckan`: each request is the next of these package_search
-- queries, the kind CKAN harvesters and portals send (first pages, paging, free text, filters,
-- facets, sorting, a JSON POST). Values are percent-encoded here, as clients send them.
-- The bench passes an organization name (org-N) after `--`; it replaces {org}.

local queries = {
  { path = "/api/3/action/package_search?rows=10" },
  { path = "/api/3/action/package_search?rows=10&start=20" },
  { path = "/api/3/action/package_search?rows=50&start=100&sort=metadata_modified desc" },
  { path = "/api/3/action/package_search?q=人口&rows=10" },
  { path = "/api/3/action/package_search?q=企业 信用&rows=10" },
  { path = "/api/3/action/package_search?q=常住人口" },
  { path = "/api/3/action/package_search?q=行政许可&rows=20" },
  { path = "/api/3/action/package_search?q=杭州 社保" },
  { path = "/api/3/action/package_search?q=社保&fq=organization:{org}" },
  { path = "/api/3/action/package_search?fq=res_format:XLSX&rows=10" },
  { path = "/api/3/action/package_search?fq=tags:民生&rows=10" },
  { path = "/api/3/action/package_search?q=医疗&facet.field=[\"organization\",\"res_format\",\"tags\"]" },
  { path = "/api/3/action/package_search?rows=0&facet.field=[\"organization\",\"res_format\"]" },
  { path = "/api/3/action/package_search?q=101" },
  { path = "/api/3/action/package_search?sort=title_string asc&rows=20" },
  { path = "/api/3/action/package_search?q=不动产登记" },
  { path = "/api/3/action/package_search?fq=grade:L1 open_type:open" },
  { path = "/api/3/action/package_search?q=企业信用评价结果" },
  { path = "/api/3/action/package_search?q=交通&start=40&rows=20" },
  { path = "/api/3/action/package_search?fq=classification:101&rows=10" },
  { path = "/api/3/action/package_search?q=不存在的资源" },
  { path = "/api/3/action/package_search", body = "{\"q\": \"教育\", \"rows\": 10}" },
}

-- Percent-encodes everything but the characters that structure a path and query string.
local function encode(s)
  return (s:gsub("[^%w%-%._~/?&=]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local requests = {}
local next_request = 0

function init(args)
  local org = args[1] or "org-1"
  for i, query in ipairs(queries) do
    local path = encode((query.path:gsub("{org}", org)))
    if query.body then
      requests[i] = wrk.format("POST", path, { ["Content-Type"] = "application/json" }, query.body)
    else
      requests[i] = wrk.format("GET", path)
    end
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
