// name: cookbook_workers_by_status
// mode: read
// params: none
// returns: status, workers
// How the coded workforce divides by status (starts from the Worker.status index).
UNWIND ['on_post', 'xiagang', 'fired', 'long_holiday', 'early_retired', 'liangbuzhao',
        'tingxin_liuzhi', 'reemployed', 'self_employed', 'unemployed'] AS status
MATCH (w:Worker {status: status})
RETURN status, count(w) AS workers
ORDER BY workers DESC, status
