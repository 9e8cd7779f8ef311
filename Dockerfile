# The API and CLI image used by docker-compose.yml (Neo4j runs in its own container).
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY src ./src
COPY api ./api
COPY cypher ./cypher
COPY seed ./seed
COPY neo4j/pom.xml ./neo4j/pom.xml
RUN pip install --no-cache-dir ".[speedups]"
RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["patronage-graph", "serve", "--host", "0.0.0.0", "--port", "8000"]
